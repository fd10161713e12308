/**
 * Accounts and sessions: who the caller is. Registration, login with a token cookie, password change, logout, roles,
 * and the {@link org.eegworkflow.auth.boundary.Secured} filter that turns a token into the caller's identity.
 */
package org.eegworkflow.auth;
