/**
 * Why an average entry price (and what was invested) is partial, in the same words in
 * the window and the CLI: the two causes, and how to change the one the user controls.
 */

/** How deposits entered the cost basis when the figures were worked out; null when not known yet. */
export type DepositPolicy = 'unknown' | 'market' | null;

/** Where the note is read: the window has a Settings screen, the CLI a settings file too. */
export type NoteAudience = 'window' | 'cli';

/** The one-line reason beside a partial figure (a tooltip, a table mark). */
export const PARTIAL_COST_SHORT = 'Partial: part of this holding has no known cost (deposits counted without one, or coins the imported history does not explain)';

/**
 * The footnote under a table with a partial average entry: part of the holding has no
 * known cost, because (1) a deposit or transfer in counts with no cost under the default
 * `depositCostBasis` ("unknown"), or arrived at a minute with no price under "market";
 * (2) the imported history does not explain the coins at all (trades older than the
 * exchange returns, a transfer from another account, rewards). Says how to count deposits
 * at their market price when that is not yet the setting.
 */
export function partialCostNote(policy: DepositPolicy, audience: NoteAudience): string {
  const lead = 'Partial average entry and invested: part of the holding has no known cost, so these cover only the part that has one.';
  const history = 'coins the imported history does not explain at all (bought before the oldest trade the exchange still returns, moved in from another account, or earned as rewards)';
  if (policy === 'market') {
    return `${lead} Two causes: deposits count at the market price of their minute (deposit cost: market), except one whose minute had no price; and ${history}.`;
  }
  const how = audience === 'window'
    ? 'To count deposits at the market price of their minute instead, choose "At the market price of their minute" under Settings → Cost of deposits: a sync then works the figures out again at once.'
    : 'To count deposits at the market price of their minute instead, set "depositCostBasis": "market" in settings.json in the data folder (or choose it in the dashboard\'s Settings); the next sync works the figures out again.';
  return `${lead} Two causes: coins that arrived by deposit or transfer count with no cost (deposit cost: unknown, the default); and ${history}. ${how}`;
}
