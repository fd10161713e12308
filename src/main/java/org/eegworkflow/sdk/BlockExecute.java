package org.eegworkflow.sdk;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method that does the block's work. It takes no parameters or one {@link BlockContext}. It may return
 * nothing (the block then shows its single output's value, if it has one) or a value, which becomes the text the
 * block shows. Anything it throws fails this block only, with the exception's message as the block's error.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface BlockExecute {
}
