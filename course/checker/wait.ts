// Waiting for what a step needs to see: every wait is bounded, and ends as soon as it is seen.

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The probe's value once it gives one (anything but undefined), or undefined once `ms` have passed. */
export async function waitFor<T>(ms: number, probe: () => Promise<T | undefined>): Promise<T | undefined> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) return undefined;
    await sleep(200);
  }
}
