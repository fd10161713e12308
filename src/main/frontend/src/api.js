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
  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  if (!response.ok) {
    const message = data && typeof data === 'object' && data.error ? data.error : `${response.status} ${response.statusText}`;
    if (response.status === 401 && !path.startsWith('users/login')) {
      onUnauthorized(message);
    }
    throw new ApiError(response.status, message);
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
