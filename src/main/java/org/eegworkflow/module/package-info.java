/**
 * Module archives: block modules that users upload as jars or zips, kept in versions, each loaded by its own class
 * loader, and visible to their owner or to everyone.
 */
package org.eegworkflow.module;
