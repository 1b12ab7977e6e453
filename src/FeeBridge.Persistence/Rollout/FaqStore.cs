using FeeBridge.Persistence.Claims;
using FeeBridge.Persistence.Schema;
using FeeBridge.Rollout.Municipalities;

namespace FeeBridge.Persistence.Rollout;

/// <summary>One saved version of a municipality's FAQ (Markdown as the editor wrote it).</summary>
public sealed record StoredFaq(int Version, string Markdown, DateTimeOffset SavedAt, string SavedBy, DateTimeOffset? PublishedAt, string? PublishedBy);

/// <summary>
/// The municipalities' FAQs (issue 16 part 5): every saved version kept (the history), and one of them published —
/// the one <c>/borger</c> shows the municipality's citizens. Saving does not publish; publishing names a version.
/// </summary>
public sealed class FaqStore(StoreDialect dialect)
{
    private static string Lock(Kommunekode m) => "rollout-faq:" + m.Value;

    public async Task<StoredFaq> SaveAsync(Kommunekode municipality, string markdown, DateTimeOffset at, string by, CancellationToken ct)
    {
        await using var scope = await dialect.BeginWriteAsync(Lock(municipality), ct);
        int version;
        await using (var max = scope.Command("SELECT COALESCE(MAX(version), 0) FROM rollout_faq_versions WHERE municipality = @m").With("@m", municipality.Value))
            version = Convert.ToInt32(await max.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) + 1;
        await using (var insert = scope.Command("INSERT INTO rollout_faq_versions (municipality, version, markdown, saved_at, saved_by) VALUES (@m, @v, @md, @t, @by)")
            .With("@m", municipality.Value).With("@v", version).With("@md", markdown).With("@t", ClaimCodec.ToMicros(at)).With("@by", by))
            await insert.ExecuteNonQueryAsync(ct);
        await scope.CommitAsync(ct);
        return new StoredFaq(version, markdown, at, by, null, null);
    }

    /// <summary>Publishes a saved version; false (nothing changed) when the municipality has no such version.</summary>
    public async Task<bool> PublishAsync(Kommunekode municipality, int version, DateTimeOffset at, string by, CancellationToken ct)
    {
        await using var scope = await dialect.BeginWriteAsync(Lock(municipality), ct);
        await using (var exists = scope.Command("SELECT COUNT(*) FROM rollout_faq_versions WHERE municipality = @m AND version = @v").With("@m", municipality.Value).With("@v", version))
            if (Convert.ToInt64(await exists.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) == 0) return false;
        await using (var cmd = scope.Command("""
            INSERT INTO rollout_faq_published (municipality, version, published_at, published_by) VALUES (@m, @v, @t, @by)
            ON CONFLICT (municipality) DO UPDATE SET version = excluded.version, published_at = excluded.published_at, published_by = excluded.published_by
            """).With("@m", municipality.Value).With("@v", version).With("@t", ClaimCodec.ToMicros(at)).With("@by", by))
            await cmd.ExecuteNonQueryAsync(ct);
        await scope.CommitAsync(ct);
        return true;
    }

    /// <summary>Every version, newest first; the published one carries when and by whom.</summary>
    public async Task<IReadOnlyList<StoredFaq>> HistoryAsync(Kommunekode municipality, CancellationToken ct) =>
        await ReadAsync("v.municipality = @m", municipality, ct);

    /// <summary>The newest saved version, or null.</summary>
    public async Task<StoredFaq?> NewestAsync(Kommunekode municipality, CancellationToken ct) => (await HistoryAsync(municipality, ct)).FirstOrDefault();

    /// <summary>The published version, or null.</summary>
    public async Task<StoredFaq?> PublishedAsync(Kommunekode municipality, CancellationToken ct) =>
        (await ReadAsync("v.municipality = @m AND p.version IS NOT NULL", municipality, ct)).FirstOrDefault();

    /// <summary>Every municipality's published FAQ, for <c>/borger</c>.</summary>
    public async Task<IReadOnlyDictionary<string, StoredFaq>> AllPublishedAsync(CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = """
            SELECT v.municipality, v.version, v.markdown, v.saved_at, v.saved_by, p.published_at, p.published_by
            FROM rollout_faq_published p JOIN rollout_faq_versions v ON v.municipality = p.municipality AND v.version = p.version
            """;
        var all = new Dictionary<string, StoredFaq>(StringComparer.Ordinal);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) all[r.GetString(0)] = Row(r, 1);
        return all;
    }

    private async Task<IReadOnlyList<StoredFaq>> ReadAsync(string where, Kommunekode municipality, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = $"""
            SELECT v.version, v.markdown, v.saved_at, v.saved_by, p.published_at, p.published_by
            FROM rollout_faq_versions v LEFT JOIN rollout_faq_published p ON p.municipality = v.municipality AND p.version = v.version
            WHERE {where} ORDER BY v.version DESC
            """;
        cmd.With("@m", municipality.Value);
        var list = new List<StoredFaq>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add(Row(r, 0));
        return list;
    }

    private static StoredFaq Row(System.Data.Common.DbDataReader r, int i) => new(r.GetInt32(i), r.GetString(i + 1),
        ClaimCodec.FromMicros(r.GetInt64(i + 2)), r.GetString(i + 3),
        r.IsDBNull(i + 4) ? null : ClaimCodec.FromMicros(r.GetInt64(i + 4)), r.IsDBNull(i + 5) ? null : r.GetString(i + 5));
}
