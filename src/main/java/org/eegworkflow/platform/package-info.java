/**
 * What every feature shares: the one JSON error shape, the {@link org.eegworkflow.platform.DomainException} kinds
 * control code throws and the mappers that make HTTP of them and of everything else, settings, and time format.
 * It depends on no feature, so the boundary and control of every feature may use it without a cycle.
 */
package org.eegworkflow.platform;
