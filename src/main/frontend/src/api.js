// The server's HTTP API (api.md). Same origin, token in the HttpOnly cookie.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

let onUnauthorized = () => {};
export function setUnauthorizedHandler(handler) {
  onUnauthorized = handler;
}

function parse(text) {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function failure(path, status, statusText, data) {
  const message = data && typeof data === 'object' && data.error ? data.error : `${status} ${statusText}`;
  if (status === 401 && !path.startsWith('users/login')) {
    onUnauthorized(message);
  }
  return new ApiError(status, message);
}

/**
 * A POST of a form through XMLHttpRequest, as fetch reports no upload progress: onProgress gets the share sent
 * (0..1) as the browser sends the body. Answers and errors as api().
 */
export function upload(path, body, onProgress = () => {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/' + path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    });
    xhr.addEventListener('load', () => {
      const data = parse(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(data);
      } else {
        reject(failure(path, xhr.status, xhr.statusText, data));
      }
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, 'The server cannot be reached, or the upload was cut off')));
    xhr.addEventListener('abort', () => reject(new ApiError(0, 'The upload was cancelled')));
    xhr.send(body);
  });
}

export async function api(method, path, body) {
  const options = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    options.body = body;
  }
  let response;
  try {
    response = await fetch('/api/' + path, options);
  } catch (e) {
    throw new ApiError(0, 'The server cannot be reached: ' + e.message);
  }
  const data = parse(await response.text());
  if (!response.ok) {
    throw failure(path, response.status, response.statusText, data);
  }
  return data;
}

export function form(fields) {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined && value !== null) {
      data.append(name, value);
    }
  }
  return data;
}

/** A URL path of one of the user's data files, each segment encoded. */
export function filePath(path) {
  return path.split('/').map(encodeURIComponent).join('/');
}
