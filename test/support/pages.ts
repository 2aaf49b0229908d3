import { readFileSync } from "node:fs";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import path from "node:path";

const PAGES = path.resolve("test/fixtures/pages");
export const page = (name: string) => readFileSync(path.join(PAGES, name));

/** One connection the page server accepted: the page asked for on it, and what it wrote before it closed. */
export interface ServedConnection {
  url: string | null;
  closed: boolean;
  /** Bytes the server wrote on it (headers and body), counted when it closed. */
  written: number;
}

/** A body that never ends: written as fast as the connection takes it, until the other side closes. */
function endless(response: ServerResponse, status: number, headers: Record<string, string>): void {
  response.writeHead(status, headers);
  const chunk = Buffer.alloc(64 * 1024, "x");
  const pump = () => {
    while (!response.destroyed && response.write(chunk));
    if (!response.destroyed) response.once("drain", pump);
  };
  response.on("error", () => {}); // the reader hanging up is what the route is for
  pump();
}

/**
 * A local web server with saved news pages and the ways a linked page goes wrong: redirects, a
 * redirect to a private address, a page too large (sent without a length), one that never answers,
 * a PDF, a page without metadata, one nested 1,200 deep, a redirect and a missing page whose
 * bodies never end. Nothing reaches the internet.
 */
export async function startPageServer(): Promise<{
  base: string;
  host: string;
  served: string[];
  connections: ServedConnection[];
  openConnections(): Promise<number>;
  stop(): Promise<void>;
}> {
  const served: string[] = [];
  const connections: ServedConnection[] = [];
  const connectionOf = new WeakMap<Socket, ServedConnection>();
  const server: Server = createServer((request, response) => {
    const url = request.url ?? "/";
    served.push(url);
    const connection = connectionOf.get(request.socket);
    if (connection) connection.url = url;
    const html = (body: Buffer | string, type = "text/html; charset=utf-8") => {
      response.writeHead(200, { "content-type": type });
      response.end(body);
    };
    if (url === "/news/nasa-adds-five-companies-to-commercial-lunar-lander-program/") return html(page("spacenews-clps.html"));
    if (url === "/story/2019-11-19/disney-plus-kevin-mayer") return html(page("latimes-disney.html"), "text/html; charset=windows-1252");
    if (url === "/wire/ferry.txt")
      return html("The ferry resumed on Friday, the port said.\r\n\r\nIt had been halted for a week.", "text/plain; charset=utf-8");
    if (url === "/bare")
      return html(
        "<html><body><article><p>The ferry resumed on Friday after a week of storms, the port authority said on Saturday, adding that the timetable would return to normal within days and that passengers holding tickets for cancelled crossings would be refunded in full.</p></article></body></html>",
      );
    if (url === "/moved") {
      response.writeHead(301, { location: "/news/nasa-adds-five-companies-to-commercial-lunar-lander-program/" });
      return response.end();
    }
    const hop = url.match(/^\/loop\/(\d+)$/);
    if (hop) {
      response.writeHead(302, { location: `/loop/${Number(hop[1]) + 1}` });
      return response.end();
    }
    if (url === "/to-private") {
      response.writeHead(302, { location: "http://10.1.2.3/secret" });
      return response.end();
    }
    if (url === "/big") {
      response.writeHead(200, { "content-type": "text/html" });
      const chunk = Buffer.alloc(1024 * 1024, "a");
      for (let i = 0; i < 6; i++) response.write(chunk);
      return response.end();
    }
    if (url === "/endless/302")
      return endless(response, 302, { location: "/news/nasa-adds-five-companies-to-commercial-lunar-lander-program/" });
    if (url === "/endless/404") return endless(response, 404, { "content-type": "text/html" });
    if (url === "/nested") return html(`<html><body>${"<div>".repeat(1_200)}The ferry resumed.${"</div>".repeat(1_200)}</body></html>`);
    if (url === "/slow") return; // never answers
    if (url === "/report.pdf") return html("%PDF-1.4", "application/pdf");
    if (url === "/latin1") return html(Buffer.from("<p>Caf\xe9 \x93quoted\x94</p>", "latin1"), "text/html; charset=iso-8859-1");
    response.writeHead(404, { "content-type": "text/plain" });
    response.end("not here");
  });
  server.on("connection", (socket: Socket) => {
    const connection: ServedConnection = { url: null, closed: false, written: 0 };
    connections.push(connection);
    connectionOf.set(socket, connection);
    socket.on("close", () => {
      connection.closed = true;
      connection.written = socket.bytesWritten;
    });
  });
  return {
    ...(await onLoopback(server)),
    served,
    connections,
    openConnections: () =>
      new Promise((resolve, reject) => server.getConnections((error, count) => (error ? reject(error) : resolve(count)))),
  };
}

/** A web server listening on 127.0.0.1 (a port of its own): its address, and how to stop it with its connections. */
export async function onLoopback(server: Server): Promise<{ base: string; host: string; stop(): Promise<void> }> {
  server.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
