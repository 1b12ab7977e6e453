using FeeBridge.Persistence.Claims;
using FeeBridge.Persistence.Schema;
using FeeBridge.Rollout.Communication.Drafts;
using FeeBridge.Rollout.Municipalities;

namespace FeeBridge.Persistence.Rollout;

/// <summary>One saved version of a municipality's template for a channel.</summary>
public sealed record StoredDraftTemplate(string Channel, int Version, string Source, DateTimeOffset SavedAt, string SavedBy);

/// <summary>The facts a draft was last approved or seen with, and by whom when.</summary>
public sealed record SeenDraftFacts(string Channel, IReadOnlyList<DraftFact> Facts, DateTimeOffset SeenAt, string SeenBy);

/// <summary>
/// The municipalities' own draft templates (issue 16 part 2: "editable per municipality"), one row per saved version
/// and never rewritten, so the newest is the template in use and the rest its history; and per channel the facts the
/// draft was last seen with, for the "a fact changed" markers. A municipality that saved nothing uses the default.
/// </summary>
public sealed class DraftStore(StoreDialect dialect)
{
    private static string Lock(Kommunekode m, string channel) => $"rollout-draft:{m.Value}:{channel}";

    /// <summary>Saves a new version of the template and returns it.</summary>
    public async Task<StoredDraftTemplate> SaveTemplateAsync(Kommunekode municipality, string channel, string source, DateTimeOffset at, string by, CancellationToken ct)
    {
        await using var scope = await dialect.BeginWriteAsync(Lock(municipality, channel), ct);
        int version;
        await using (var max = scope.Command("SELECT COALESCE(MAX(version), 0) FROM rollout_draft_templates WHERE municipality = @m AND channel = @c")
            .With("@m", municipality.Value).With("@c", channel))
            version = Convert.ToInt32(await max.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) + 1;
        await using (var insert = scope.Command("""
            INSERT INTO rollout_draft_templates (municipality, channel, version, source, saved_at, saved_by) VALUES (@m, @c, @v, @s, @t, @by)
            """).With("@m", municipality.Value).With("@c", channel).With("@v", version).With("@s", source).With("@t", ClaimCodec.ToMicros(at)).With("@by", by))
            await insert.ExecuteNonQueryAsync(ct);
        await scope.CommitAsync(ct);
        return new StoredDraftTemplate(channel, version, source, at, by);
    }

    /// <summary>The newest version per channel the municipality saved (channels it never saved are absent).</summary>
    public async Task<IReadOnlyDictionary<string, StoredDraftTemplate>> CurrentTemplatesAsync(Kommunekode municipality, CancellationToken ct) =>
        (await ReadTemplatesAsync(municipality, null, newestOnly: true, ct)).ToDictionary(t => t.Channel, StringComparer.Ordinal);

    /// <summary>The newest version for the channel, or null when the municipality uses the default.</summary>
    public async Task<StoredDraftTemplate?> CurrentTemplateAsync(Kommunekode municipality, string channel, CancellationToken ct) =>
        (await ReadTemplatesAsync(municipality, channel, newestOnly: true, ct)).FirstOrDefault();

    /// <summary>Every version saved for the channel, newest first.</summary>
    public Task<IReadOnlyList<StoredDraftTemplate>> TemplateHistoryAsync(Kommunekode municipality, string channel, CancellationToken ct) =>
        ReadTemplatesAsync(municipality, channel, newestOnly: false, ct);

    private async Task<IReadOnlyList<StoredDraftTemplate>> ReadTemplatesAsync(Kommunekode municipality, string? channel, bool newestOnly, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        var newest = newestOnly
            ? " AND version = (SELECT MAX(version) FROM rollout_draft_templates n WHERE n.municipality = t.municipality AND n.channel = t.channel)"
            : "";
        cmd.CommandText = "SELECT channel, version, source, saved_at, saved_by FROM rollout_draft_templates t WHERE municipality = @m"
            + (channel is null ? "" : " AND channel = @c") + newest + " ORDER BY channel, version DESC";
        cmd.With("@m", municipality.Value);
        if (channel is not null) cmd.With("@c", channel);
        var list = new List<StoredDraftTemplate>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new StoredDraftTemplate(r.GetString(0), r.GetInt32(1), r.GetString(2), ClaimCodec.FromMicros(r.GetInt64(3)), r.GetString(4)));
        return list;
    }

    /// <summary>Records the facts the draft was seen (or approved) with, replacing those seen before.</summary>
    public async Task MarkSeenAsync(Kommunekode municipality, string channel, IReadOnlyList<DraftFact> facts, DateTimeOffset at, string by, CancellationToken ct)
    {
        await using var scope = await dialect.BeginWriteAsync(Lock(municipality, channel), ct);
        await using var cmd = scope.Command("""
            INSERT INTO rollout_draft_seen (municipality, channel, facts, seen_at, seen_by) VALUES (@m, @c, @f, @t, @by)
            ON CONFLICT (municipality, channel) DO UPDATE SET facts = excluded.facts, seen_at = excluded.seen_at, seen_by = excluded.seen_by
            """).With("@m", municipality.Value).With("@c", channel).With("@f", RolloutJson.Write(facts)).With("@t", ClaimCodec.ToMicros(at)).With("@by", by);
        await cmd.ExecuteNonQueryAsync(ct);
        await scope.CommitAsync(ct);
    }

    /// <summary>Per channel, the facts it was last seen with (channels never seen are absent).</summary>
    public async Task<IReadOnlyDictionary<string, SeenDraftFacts>> SeenAsync(Kommunekode municipality, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT channel, facts, seen_at, seen_by FROM rollout_draft_seen WHERE municipality = @m";
        cmd.With("@m", municipality.Value);
        var seen = new Dictionary<string, SeenDraftFacts>(StringComparer.Ordinal);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            seen[r.GetString(0)] = new SeenDraftFacts(r.GetString(0), RolloutJson.Read<List<DraftFact>>(r.GetString(1)), ClaimCodec.FromMicros(r.GetInt64(2)), r.GetString(3));
        return seen;
    }
}
