/**
 * SMPP command_status codes as connector errors: throttling and SMSC trouble are retryable; a bad address,
 * a bad message or a prohibited sender are not.
 */
import { ConnectorError } from "../../sdk/index.ts";
import { smpp } from "./smpp-lib.ts";

const NAMES = new Map(Object.entries(smpp.errors).map(([name, code]) => [code, name]));

const DESCRIPTIONS: Record<string, string> = {
  ESME_RINVMSGLEN: "invalid message length",
  ESME_RSYSERR: "system error at the SMSC",
  ESME_RINVSRCADR: "invalid source address (check sourceAddr and its TON/NPI)",
  ESME_RINVDSTADR: "invalid destination address",
  ESME_RBINDFAIL: "bind failed",
  ESME_RINVPASWD: "invalid password",
  ESME_RINVSYSID: "invalid system ID",
  ESME_RMSGQFUL: "message queue full",
  ESME_RTHROTTLED: "throttled: too many messages per second",
  ESME_RINVDSTTON: "invalid destination TON",
  ESME_RINVDSTNPI: "invalid destination NPI",
  ESME_RINVSRCTON: "invalid source TON",
  ESME_RINVSRCNPI: "invalid source NPI",
  ESME_RSUBMITFAIL: "submit failed",
  ESME_RX_T_APPN: "temporary application error",
  ESME_RX_P_APPN: "permanent application error",
  ESME_RX_R_APPN: "rejected by the application",
  ESME_RINVDCS: "invalid data coding",
  ESME_RPROHIBITED: "prohibited",
};

/** Statuses a later attempt cannot fix. */
const PERMANENT = new Set(
  [
    "ESME_RINVMSGLEN", "ESME_RINVSRCADR", "ESME_RINVDSTADR", "ESME_RINVDSTTON", "ESME_RINVDSTNPI", "ESME_RINVSRCTON", "ESME_RINVSRCNPI",
    "ESME_RINVESMCLASS", "ESME_RINVREGDLVFLG", "ESME_RINVSERTYP", "ESME_RINVDCS", "ESME_RX_P_APPN", "ESME_RX_R_APPN", "ESME_RPROHIBITED",
    "ESME_RSERTYPUNAUTH", "ESME_RSERTYPDENIED", "ESME_RINVTLVVAL", "ESME_RINVTLVLEN", "ESME_RTLVNOTALLWD", "ESME_RINVTLVSTREAM",
  ].map((name) => smpp.errors[name]),
);

/** The status's name (`ESME_RTHROTTLED`), or its hex code when the SMSC used one of its own. */
export function commandStatusName(status: number): string {
  return NAMES.get(status) ?? `0x${status.toString(16).padStart(8, "0")}`;
}

/** `ESME_RTHROTTLED (throttled: too many messages per second)`. */
export function describeStatus(status: number): string {
  const name = commandStatusName(status);
  return DESCRIPTIONS[name] ? `${name} (${DESCRIPTIONS[name]})` : name;
}

/** The error for a submit_sm refused with `status`; unknown (vendor) statuses are retried. */
export function submitError(status: number, destination: string): ConnectorError {
  const permanent = PERMANENT.has(status);
  const message = `The SMSC refused the SMS to +${destination}: ${describeStatus(status)}${permanent ? "" : "; will retry"}.`;
  return new ConnectorError(message, { retryable: !permanent, code: commandStatusName(status), status: permanent ? "failed" : undefined });
}
