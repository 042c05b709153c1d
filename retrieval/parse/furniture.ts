/**
 * Page furniture: lines the PDF page layout put into the text that belong to no paragraph
 * (page numbers, running document symbols, job numbers, link-target lists, rules).
 */

const FURNITURE: RegExp[] = [
  /^\d{1,4}$/, // page number
  /^[A-Z]{1,6}(?:\/[A-Z0-9][A-Za-z0-9.-]*)+$/, // running header: the document symbol alone (E/CN.15/2008/6)
  /^[A-Z]{1,3}\.\d{2}-\d{4,6}(?:\s*\(\w\))?(?:\s+\S+)*$/, // job number (V.18-04846 (C) …)
  /^<?(?:https?|ftp):\/\/\S+>?$/, // a bare address: the link targets a PDF export lists at the end
  /^(?:-{3,}|\*{3,}|={3,})$/, // horizontal rule
];

export function isPageFurniture(trimmedLine: string): boolean {
  return FURNITURE.some((pattern) => pattern.test(trimmedLine));
}
