// Bybit's response envelope and the error type handlers throw to produce one.

/** The V5 envelope every JSON answer is wrapped in. */
export interface Envelope {
  retCode: number;
  retMsg: string;
  result: unknown;
  retExtInfo: Record<string, never>;
  time: number;
}

/** A Bybit business error: HTTP 200 with a non-zero retCode. */
export class BybitError extends Error {
  constructor(
    readonly retCode: number,
    readonly retMsg: string,
  ) {
    super(retMsg);
  }
}

export function okEnvelope(result: unknown, time: number, retMsg = 'OK'): Envelope {
  return { retCode: 0, retMsg, result, retExtInfo: {}, time };
}

export function errorEnvelope(retCode: number, retMsg: string, time: number): Envelope {
  // Bybit answers errors with an empty object, not null, in `result`.
  return { retCode, retMsg, result: {}, retExtInfo: {}, time };
}

/** Bybit's own wording for the codes the app must tell apart. */
export const RET_MSG = {
  10001: 'params error',
  10002: 'invalid request, please check your server timestamp or recv_window param',
  10003: 'API key is invalid.',
  10004: 'error sign! please check your signature generation algorithm',
  10005: 'Permission denied, please check your API key permissions.',
  10006: 'Too many visits!',
  10010: "Unmatched IP, please check your API key's bound IP addresses.",
  10016: 'Internal system error.',
  33004: 'Your api key has expired.',
} as const satisfies Record<number, string>;

export type KnownRetCode = keyof typeof RET_MSG;

export function paramsError(detail: string): BybitError {
  return new BybitError(10001, detail);
}

/** The 10002 message, with the three figures Bybit puts in it. */
export function clockErrorMessage(reqTimestamp: string, serverTime: number, recvWindow: string): string {
  return `${RET_MSG[10002]}. req_timestamp[${reqTimestamp}],server_timestamp[${serverTime}],recv_window[${recvWindow}]`;
}

/** Page shown by Bybit's edge when the origin is down: HTML, not JSON. */
export function htmlErrorPage(status: number): string {
  const title = `${status} ${STATUS_TEXT[status] ?? 'Error'}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>openresty</center>\r\n</body>\r\n</html>\r\n`;
}

const STATUS_TEXT: Record<number, string> = {
  403: 'Forbidden',
  404: 'Not Found',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
  504: 'Gateway Time-out',
};
