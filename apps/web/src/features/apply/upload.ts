import { ApiError, authorizationHeader, errorOf } from '../../api/client';

/** Media types the server stores as materials. */
export const ACCEPTED_TYPES = 'application/pdf,image/jpeg,image/png,application/ofd,.ofd';

/**
 * Upload one material as the raw body with XMLHttpRequest, which (unlike fetch) reports upload
 * progress. Resolves with the server's answer; rejects with an ApiError like the fetch client.
 */
export function uploadMaterial(
  url: string,
  file: File,
  onProgress: (percent: number) => void,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', `${url}?fileName=${encodeURIComponent(file.name.slice(0, 200))}`);
    for (const [name, value] of Object.entries(authorizationHeader())) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onload = () => {
      const response = new Response(xhr.responseText, {
        status: xhr.status,
        headers: { 'x-request-id': xhr.getResponseHeader('x-request-id') ?? '' },
      });
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(xhr.responseText ? JSON.parse(xhr.responseText) : undefined);
      } else {
        void errorOf(response).then(reject);
      }
    };
    xhr.onerror = () =>
      reject(new ApiError(0, { code: 'NETWORK_ERROR', message: '网络连接失败，材料未上传，请重试。' }));
    xhr.send(file);
  });
}
