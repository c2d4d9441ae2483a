/**
 * Reading providers' HTTP answers.
 */

/** The response body as a JSON object, or undefined when it is empty, not JSON, or not an object. */
export async function readJsonObject(response: Response): Promise<Record<string, unknown> | undefined> {
  const text = await response.text();
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
