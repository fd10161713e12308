/** What every feature shares: the one JSON error shape and the exceptions mapped to it, settings, and time format. */
package org.eegworkflow.platform;
