// IPv4 and IPv6 addresses as numbers, and CIDR blocks as ranges of them, for
// "cidr" matching. Written without node:net so the matcher runs in a browser.

import { invalidPattern } from "./errors.ts";
import type { IpRange } from "./pattern-model.ts";

type IpAddress = { readonly family: 4 | 6; readonly value: bigint };

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const IPV6_GROUP = /^[0-9a-fA-F]{1,4}$/;

function parseIpv4(text: string): bigint | undefined {
  const octets = IPV4.exec(text);
  if (!octets) return undefined;
  let value = 0n;
  for (const octet of octets.slice(1)) {
    const number = Number(octet);
    if (number > 255) return undefined;
    value = (value << 8n) | BigInt(number);
  }
  return value;
}

/** The 16-bit groups of one side of "::", or undefined if one is malformed. */
function ipv6Groups(text: string, mayEndInIpv4: boolean): number[] | undefined {
  if (text === "") return [];
  const parts = text.split(":");
  const groups: number[] = [];
  for (const [index, part] of parts.entries()) {
    if (mayEndInIpv4 && index === parts.length - 1 && part.includes(".")) {
      const ipv4 = parseIpv4(part);
      if (ipv4 === undefined) return undefined;
      groups.push(Number(ipv4 >> 16n), Number(ipv4 & 0xffffn));
    } else if (IPV6_GROUP.test(part)) {
      groups.push(Number.parseInt(part, 16));
    } else {
      return undefined;
    }
  }
  return groups;
}

function parseIpv6(text: string): bigint | undefined {
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const head = ipv6Groups(halves[0] ?? "", halves.length === 1);
  const tail = halves.length === 2 ? ipv6Groups(halves[1] ?? "", true) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  return groups.reduce((value, group) => (value << 16n) | BigInt(group), 0n);
}

function parseIpAddress(text: string): IpAddress | undefined {
  const ipv4 = parseIpv4(text);
  if (ipv4 !== undefined) return { family: 4, value: ipv4 };
  const ipv6 = text.includes(":") ? parseIpv6(text) : undefined;
  return ipv6 === undefined ? undefined : { family: 6, value: ipv6 };
}

/** Parses "address/bits", refusing it with the reasons AWS gives. */
export function parseCidr(text: string): IpRange {
  const parts = text.split("/");
  if (parts.length !== 2) invalidPattern("Malformed CIDR, one '/' required");
  const [addressText = "", bitsText = ""] = parts;
  if (!/^\d+$/.test(bitsText)) invalidPattern("Malformed CIDR, mask bits must be an integer");
  const address = parseIpAddress(addressText) ?? invalidPattern(`Nonstandard IP address: ${addressText}`);
  const width = address.family === 4 ? 32 : 128;
  const bits = Number(bitsText);
  if (bits > width) invalidPattern(`Malformed CIDR, mask bits must be between 0 and ${width}`);
  const hostBits = BigInt(width - bits);
  const first = (address.value >> hostBits) << hostBits;
  return { family: address.family, first, last: first | ((1n << hostBits) - 1n) };
}

/** Whether `text` is an address of the range's family inside the range. */
export function isInRange(range: IpRange, text: string): boolean {
  const address = parseIpAddress(text);
  return address?.family === range.family && address.value >= range.first && address.value <= range.last;
}
