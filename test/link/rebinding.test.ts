import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startPageServer } from "../support/pages.js";

// A name that resolves to a public address when checked, and to this machine's page server on any
// later lookup: the connection must go to the address that was checked.
const lookups: string[] = [];
vi.mock("node:dns/promises", () => ({
  lookup: vi.fn(async (host: string) => {
    lookups.push(host);
    return lookups.length === 1 ? [{ address: "192.0.2.10", family: 4 }] : [{ address: "127.0.0.1", family: 4 }];
  }),
}));
// ipaddr.js calls 192.0.2.0/24 (TEST-NET-1) reserved: count it public here, as a real public address would be.
vi.mock("ipaddr.js", async (load) => {
  const real = (await load()) as { default: typeof import("ipaddr.js") };
  const process = (address: string) => {
    const parsed = real.default.process(address);
    return address === "192.0.2.10" ? Object.assign(parsed, { range: () => "unicast" }) : parsed;
  };
  return { default: { ...real.default, process } };
});

const { fetchPage, LinkError } = await import("../../src/link/safeFetch.js");

let pages: Awaited<ReturnType<typeof startPageServer>>;
beforeAll(async () => {
  pages = await startPageServer();
});
afterAll(async () => {
  await pages?.stop();
});

describe("DNS rebinding", () => {
  it("GIVEN a name that resolves elsewhere on a second lookup THEN the fetch connects to the address checked, never looks the name up again", async () => {
    const port = pages.base.split(":").at(-1);
    const error = await fetchPage(`http://rebind.example:${port}/news/nasa-adds-five-companies-to-commercial-lunar-lander-program/`, {
      allowedPrivateHosts: [],
      timeoutMs: 1_000,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LinkError);
    // It tried 192.0.2.10, the address checked (unreachable here), rather than looking the name up again.
    expect((error as Error).message).toMatch(
      /took too long to answer|cannot be reached \((?:ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|ECONNREFUSED)\)/,
    );
    expect(lookups).toEqual(["rebind.example"]);
    expect(pages.served).toEqual([]);
  });
});
