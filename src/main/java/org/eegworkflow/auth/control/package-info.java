/**
 * Accounts, sessions and roles, and {@link org.eegworkflow.auth.control.AuthenticatedUser}, the caller of a request.
 * It lives here, not in {@code auth.boundary}, so that the control code of every feature may take it without a
 * package cycle.
 *
 * <p>The one convention for passing the caller: a control method that serves a request takes the caller as its first
 * parameter, {@code AuthenticatedUser caller}, never as a bare id (an id is easily confused with a job or module id,
 * and the caller's roles come with it, looked up once by the filter). A {@code long} user id names a stored user that
 * is not the caller: the owner of a job or module (named {@code ownerId}, as work done for a job on a batch thread
 * has no caller), or the user an admin acts on.
 */
package org.eegworkflow.auth.control;
