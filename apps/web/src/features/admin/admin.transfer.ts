import { authorizationHeader, errorOf } from '../../api/client';

/** Download a file the API sends as an attachment, under the name it gives (or `fallbackName`). */
export async function downloadFile(url: string, fallbackName: string): Promise<void> {
  const response = await fetch(url, { headers: authorizationHeader() });
  if (!response.ok) throw await errorOf(response);
  const blob = await response.blob();
  const disposition = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
  const name = encoded ? decodeURIComponent(encoded) : fallbackName;
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The media type the import routes take for a file: xlsx or CSV, by its name. */
export function mediaTypeOf(file: File): string | undefined {
  const name = file.name.toLowerCase();
  if (name.endsWith('.xlsx')) return XLSX;
  if (name.endsWith('.csv')) return 'text/csv';
  return undefined;
}

/** Upload a spreadsheet as the request body; the reply's JSON, or an ApiError. */
export async function uploadFile<T>(url: string, file: File): Promise<T> {
  const type = mediaTypeOf(file) ?? (file.type || 'application/octet-stream');
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': type, Accept: 'application/json', ...authorizationHeader() },
    body: file,
  });
  if (!response.ok) throw await errorOf(response);
  return (await response.json()) as T;
}
