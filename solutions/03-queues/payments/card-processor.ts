// A stand-in for a card processor, deterministic so tests can rely on it:
// cards ending in 0002 are declined, every other card is approved.
import { randomUUID } from "node:crypto";

export type CardResult = { approved: true; reference: string } | { approved: false; reason: string };

export async function chargeCard(card: string, amountCents: number): Promise<CardResult> {
  if (card.endsWith("0002")) return { approved: false, reason: "card declined" };
  console.log(JSON.stringify({ msg: "card charged", amountCents }));
  return { approved: true, reference: `ch_${randomUUID()}` };
}
