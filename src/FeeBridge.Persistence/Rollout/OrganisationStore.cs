using FeeBridge.Persistence.Claims;
using FeeBridge.Persistence.Schema;
using FeeBridge.Rollout.Organisation;
using FeeBridge.Rollout.Workspace;

namespace FeeBridge.Persistence.Rollout;

/// <summary>A municipality's role gallery as kept: the gallery, its version (1 for the first save, one more each save), and who saved it when.</summary>
public sealed record StoredOrganisation(Kommunekode Municipality, MunicipalOrganisation Organisation, int Version, DateTimeOffset UpdatedAt, string UpdatedBy);

/// <summary>A save of a gallery: saved, or refused because it was saved by someone else since (then <see cref="Current"/> is theirs).</summary>
public sealed record OrganisationWrite(bool Saved, StoredOrganisation Current, string? Problem = null);

/// <summary>An address whose mail came back: when last, and the reason the mail system gave.</summary>
public sealed record BouncedAddress(EmailAddress Address, DateTimeOffset At, string Reason);

/// <summary>
/// The municipalities' role galleries (task 23, CONTRACTS.md §6 <c>GET</c>/<c>PUT …/organisation</c>), each kept whole
/// as the contract's JSON (<c>{"roles":[…],"competences":[…]}</c>) and read back through
/// <see cref="OrganisationValidation.Validate"/>, so what comes out obeys the same rules as what went in; and the
/// addresses whose mail bounced (DOMAIN.md §8: a bouncing address means the municipality misses information).
/// </summary>
public sealed class OrganisationStore(StoreDialect dialect)
{
    /// <summary>
    /// Saves the whole gallery. With <paramref name="expectedVersion"/> (the version the person edited; 0 for "none
    /// saved yet") the save is refused when another was saved since; without it the last save wins.
    /// </summary>
    public async Task<OrganisationWrite> SaveAsync(Kommunekode municipality, MunicipalOrganisation organisation, int? expectedVersion, TaskActor savedBy, CancellationToken ct)
    {
        await using var scope = await dialect.BeginWriteAsync("rollout-organisation:" + municipality.Value, ct);
        var current = await ReadAsync(scope, municipality, ct);
        var version = current?.Version ?? 0;
        if (expectedVersion is { } expected && expected != version)
        {
            return new OrganisationWrite(false, current ?? new StoredOrganisation(municipality, MunicipalOrganisation.Empty, 0, savedBy.At, ""),
                $"Rollefordelingen er gemt af {current?.UpdatedBy ?? "en anden"}, siden den blev hentet (version {expected}, nu {version}). Hent den igen.");
        }
        var saved = new StoredOrganisation(municipality, organisation, version + 1, savedBy.At, savedBy.Who);
        await using var cmd = scope.Command("""
            INSERT INTO rollout_organisations (municipality, gallery, version, empty_roles, updated_at, updated_by) VALUES (@m, @g, @v, @e, @t, @by)
            ON CONFLICT (municipality) DO UPDATE SET gallery = excluded.gallery, version = excluded.version, empty_roles = excluded.empty_roles,
                updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """);
        cmd.With("@m", municipality.Value).With("@g", RolloutJson.Write(DraftOf(organisation))).With("@v", saved.Version)
            .With("@e", organisation.EmptyRoleCount).With("@t", ClaimCodec.ToMicros(savedBy.At)).With("@by", savedBy.Who);
        await cmd.ExecuteNonQueryAsync(ct);
        await scope.CommitAsync(ct);
        return new OrganisationWrite(true, saved);
    }

    /// <summary>The municipality's gallery, or null when none was saved (show <see cref="MunicipalOrganisation.Empty"/>).</summary>
    public async Task<StoredOrganisation?> FindAsync(Kommunekode municipality, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT gallery, version, updated_at, updated_by FROM rollout_organisations WHERE municipality = @m";
        cmd.With("@m", municipality.Value);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? Read(municipality, r.GetString(0), r.GetInt32(1), r.GetInt64(2), r.GetString(3)) : null;
    }

    /// <summary>The empty roles of every saved gallery (progress shows them per municipality), in one query.</summary>
    public async Task<IReadOnlyDictionary<Kommunekode, int>> EmptyRolesAsync(CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT municipality, empty_roles FROM rollout_organisations";
        var counts = new Dictionary<Kommunekode, int>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) counts[Kommunekode.Parse(r.GetString(0))] = r.GetInt32(1);
        return counts;
    }

    /// <summary>Records that mail to <paramref name="address"/> bounced; a later bounce replaces the earlier one's time and reason.</summary>
    public async Task RecordBounceAsync(EmailAddress address, DateTimeOffset at, string reason, CancellationToken ct)
    {
        await using var scope = await dialect.BeginWriteAsync([], ct);
        await using var cmd = scope.Command("""
            INSERT INTO rollout_bounced_addresses (address_key, address, bounced_at, reason) VALUES (@k, @a, @t, @r)
            ON CONFLICT (address_key) DO UPDATE SET address = excluded.address, bounced_at = excluded.bounced_at, reason = excluded.reason
                WHERE excluded.bounced_at >= rollout_bounced_addresses.bounced_at
            """);
        cmd.With("@k", Key(address)).With("@a", address.Value).With("@t", ClaimCodec.ToMicros(at)).With("@r", reason);
        await cmd.ExecuteNonQueryAsync(ct);
        await scope.CommitAsync(ct);
    }

    /// <summary>Forgets a bounce (the address works again, or was corrected); true when there was one.</summary>
    public async Task<bool> ClearBounceAsync(EmailAddress address, CancellationToken ct)
    {
        await using var scope = await dialect.BeginWriteAsync([], ct);
        await using var cmd = scope.Command("DELETE FROM rollout_bounced_addresses WHERE address_key = @k").With("@k", Key(address));
        var gone = await cmd.ExecuteNonQueryAsync(ct) > 0;
        await scope.CommitAsync(ct);
        return gone;
    }

    /// <summary>The bounced addresses among <paramref name="addresses"/> (e.g. a gallery's people), or all when null; by address.</summary>
    public async Task<IReadOnlyList<BouncedAddress>> BouncedAsync(IReadOnlyCollection<EmailAddress>? addresses, CancellationToken ct)
    {
        if (addresses is { Count: 0 }) return [];
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        var where = addresses is null ? "" : " WHERE " + dialect.OneOf(cmd, "address_key", "keys", addresses.Select(Key).Distinct().ToList());
        cmd.CommandText = $"SELECT address, bounced_at, reason FROM rollout_bounced_addresses{where} ORDER BY address_key";
        var list = new List<BouncedAddress>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add(new BouncedAddress(EmailAddress.Parse(r.GetString(0)), ClaimCodec.FromMicros(r.GetInt64(1)), r.GetString(2)));
        return list;
    }

    // One address is one person whatever its letter case (EmailAddress's equality), so it is keyed lower-cased.
    private static string Key(EmailAddress address) => address.Value.ToLowerInvariant();

    /// <summary>The gallery in the contract's shape (role and competence ids, e-mails as text), which is what is kept.</summary>
    internal static OrganisationDraft DraftOf(MunicipalOrganisation organisation) => new(
        [.. organisation.RoleMembers.Select(r => new RoleDraft(r.Id, [.. r.People.Select(p => new PersonDraft(p.Name, p.Email.Value, p.Primary))]))],
        [.. organisation.CompetenceCovers.Select(c => new CompetenceDraft(c.Id, [.. c.CoveredBy.Select(e => e.Value)], c.From))]);

    private static async Task<StoredOrganisation?> ReadAsync(WriteScope scope, Kommunekode municipality, CancellationToken ct)
    {
        await using var cmd = scope.Command("SELECT gallery, version, updated_at, updated_by FROM rollout_organisations WHERE municipality = @m")
            .With("@m", municipality.Value);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? Read(municipality, r.GetString(0), r.GetInt32(1), r.GetInt64(2), r.GetString(3)) : null;
    }

    private static StoredOrganisation Read(Kommunekode municipality, string json, int version, long updatedAt, string updatedBy)
    {
        var outcome = OrganisationValidation.Validate(RolloutJson.Read<OrganisationDraft>(json));
        // Only validated galleries are saved; a stored one that fails now was changed outside FeeBridge.
        if (!outcome.IsAccepted) throw new InvalidDataException($"The stored gallery of {municipality} no longer passes validation: {outcome}");
        return new StoredOrganisation(municipality, outcome.Value, version, ClaimCodec.FromMicros(updatedAt), updatedBy);
    }
}
