/**
 * The job rows and block results in the database ({@code JobStore}, each write its own short transaction; the
 * lifecycle sees the rows through {@code JobRows}), and each job's folders on disk.
 */
package org.eegworkflow.job.control.store;
