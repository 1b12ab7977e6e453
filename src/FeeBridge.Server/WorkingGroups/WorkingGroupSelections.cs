using FeeBridge.Persistence;
using FeeBridge.Persistence.Rollout;
using FeeBridge.Rollout.Municipalities;
using FeeBridge.Rollout.Selection;
using FeeBridge.Rollout.WorkingGroups;

namespace FeeBridge.Server.WorkingGroups;

/// <summary>What a prepared or drawn group holds, read back: the lottery, its figures and, after the draw, the draw.</summary>
public sealed record GroupSelection(StoredLottery Stored, Lottery Lottery, SelectionSummary Summary, StoredDraw? Draw)
{
    public TrackDraw? DrawOf(string track) => Draw?.Tracks.FirstOrDefault(t => t.Track == track);
}

/// <summary>
/// Prepares a group's lottery (after the deadline; once — the first stands) and draws it (once: the same random value
/// again gets the same result, another is refused). The selection itself is <see cref="WorkingGroupSelection"/>.
/// </summary>
public sealed class WorkingGroupSelections(FeeBridgeStore store, TimeProvider clock)
{
    /// <summary>LEXIMIN's time limit per track before MAXIMIN is taken.</summary>
    public static SelectionOptions Options { get; } = SelectionOptions.Default;

    /// <summary>The stored selection, or null before the lottery is prepared.</summary>
    public async Task<GroupSelection?> FindAsync(string groupId, CancellationToken ct) =>
        await store.Rollout.WorkingGroups.LotteryAsync(groupId, ct) is { } stored ? Read(stored) : null;

    /// <summary>Prepares (or returns the prepared) lottery of <paramref name="group"/>.</summary>
    public async Task<GroupSelection> PrepareAsync(WorkingGroup group, string by, CancellationToken ct)
    {
        if (await FindAsync(group.Id, ct) is { } existing) return existing;
        var applications = await store.Rollout.WorkingGroups.ApplicationsAsync(group.Id, ct);
        // CPU-bound solver work: off the request thread's synchronous path.
        var plan = await Task.Run(() => WorkingGroupSelection.Prepare(group, applications, MunicipalityRegister.Denmark, Options, clock), ct);
        var stored = await store.Rollout.WorkingGroups.SaveLotteryAsync(group.Id, plan.Lottery.Text, plan.Lottery.Hash,
            Persistence.Rollout.RolloutJson.Write(SelectionSummary.Of(plan)), clock.GetUtcNow(), by, ct);
        return Read(stored);
    }

    /// <summary>Draws with <paramref name="randomValue"/>; the returned selection's draw is whichever came first.</summary>
    public async Task<GroupSelection> DrawAsync(GroupSelection prepared, string randomValue, string by, CancellationToken ct)
    {
        if (prepared.Draw is not null) return prepared;
        var draw = new StoredDraw(WorkingGroupSelection.Draw(prepared.Lottery, randomValue));
        var stored = await store.Rollout.WorkingGroups.SaveDrawAsync(prepared.Stored.GroupId, randomValue,
            Persistence.Rollout.RolloutJson.Write(draw), clock.GetUtcNow(), by, ct);
        return Read(stored!);
    }

    private static GroupSelection Read(StoredLottery stored) => new(
        stored,
        Lottery.Parse(stored.Lottery) ?? throw new InvalidDataException($"The stored lottery of {stored.GroupId} is not a lottery list."),
        Persistence.Rollout.RolloutJson.Read<SelectionSummary>(stored.Summary),
        stored.Draw is null ? null : Persistence.Rollout.RolloutJson.Read<StoredDraw>(stored.Draw));
}
