import { z } from 'zod';

/**
 * The sampling-booth subsidy (自购核酸采样屋补贴): an enterprise (project) with at least
 * `minEmployees` staff that buys its own booth gets `shareBp` of the price, borne province :
 * city-or-county = provinceParts : localParts. The rule pack is stored on the policy; these are
 * the documents' values.
 *
 * Rounding, all in integer fen: the subsidy is the price times the share, rounded down to the
 * fen; the province's part is the subsidy times its ratio, rounded half up to the fen; the
 * city-or-county part is the rest, so the two parts always add up to the subsidy exactly.
 */
export const RulePackSchema = z
  .object({
    minEmployees: z.number().int().min(0).max(1_000_000),
    shareBp: z.number().int().min(0).max(10_000),
    provinceParts: z.number().int().min(0).max(100),
    localParts: z.number().int().min(0).max(100),
  })
  .strict()
  .refine((p) => p.provinceParts + p.localParts > 0, { message: 'the ratio needs a positive total', path: ['provinceParts'] })
  .meta({ id: 'BoothRulePack' });
export type RulePack = z.infer<typeof RulePackSchema>;

export const DEFAULT_BOOTH_RULE_PACK: RulePack = { minEmployees: 1000, shareBp: 5000, provinceParts: 7, localParts: 3 };

export interface BoothShares {
  priceFen: number;
  subsidyFen: number;
  provinceFen: number;
  localFen: number;
}

/** Integer arithmetic in bigint, so no price is too large for exact fen. */
export function boothShares(priceFen: number, pack: RulePack = DEFAULT_BOOTH_RULE_PACK): BoothShares {
  if (!Number.isSafeInteger(priceFen) || priceFen < 0) throw new RangeError('price must be a non-negative integer of fen');
  const price = BigInt(priceFen);
  const subsidy = (price * BigInt(pack.shareBp)) / 10_000n;
  const total = BigInt(pack.provinceParts + pack.localParts);
  const province = (subsidy * BigInt(pack.provinceParts) * 2n + total) / (2n * total);
  return { priceFen, subsidyFen: Number(subsidy), provinceFen: Number(province), localFen: Number(subsidy - province) };
}
