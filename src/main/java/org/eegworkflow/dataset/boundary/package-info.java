/** {@code GET /api/datasets/{folder}}: a folder of the caller's files as a dataset, in JSON. */
package org.eegworkflow.dataset.boundary;
