// The consortium's council from a script: a motion that members move, vote and close, and
// what its execution gave (governance.mjs, upgrade.mjs).

/// The smallest number of ayes of `members` that is at least two thirds (the admin origin).
export function twoThirds(members) {
  return Math.ceil((2 * members) / 3);
}

/// The error a dispatch result holds (`section.Name`), or `null` if it is Ok.
export function outcome(api, result) {
  if (result.isOk) return null;
  const error = result.asErr;
  if (error.isModule) {
    const { section, name } = api.registry.findMetaError(error.asModule);
    return `${section}.${name}`;
  }
  return error.toString();
}

/// Moves `call` in the council with `threshold`, signed by `ayes[0]`; every one of `ayes`
/// votes aye (proposing is not voting), and the first closes it. With a threshold of 1 the
/// motion executes as it is proposed. Resolves with the motion's execution outcome (`null`
/// if the call succeeded, else its error) and the block it executed in.
export async function motion(api, send, ayes, call, threshold) {
  const lengthBound = call.method.encodedLength;
  const proposed = await send(api.tx.council.propose(threshold, call, lengthBound), ayes[0]);
  const executedIn = (events) => events.find((e) => api.events.council.Executed.is(e));
  if (threshold <= 1) {
    const executed = executedIn(proposed.events);
    if (!executed) throw new Error('a motion of threshold 1 executes at once');
    return { error: outcome(api, executed.data.result), hash: proposed.hash };
  }
  const event = proposed.events.find((e) => api.events.council.Proposed.is(e));
  if (!event) throw new Error('no council.Proposed event');
  const { proposalIndex, proposalHash } = event.data;
  await Promise.all(ayes.map((member) => send(api.tx.council.vote(proposalHash, proposalIndex, true), member)));
  const weight = (await api.call.transactionPaymentCallApi.queryCallInfo(call, lengthBound)).weight;
  const closed = await send(api.tx.council.close(proposalHash, proposalIndex, weight, lengthBound), ayes[0]);
  const executed = executedIn(closed.events);
  if (!executed) throw new Error('the closed motion was not executed (not carried?)');
  return { error: outcome(api, executed.data.result), hash: closed.hash };
}
