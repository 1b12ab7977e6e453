using FeeBridge.Persistence.Claims;
using FeeBridge.Persistence.Schema;
using FeeBridge.Rollout.Organisation;
using FeeBridge.Rollout.Reminders;

namespace FeeBridge.Persistence.Rollout;

/// <summary>A person's own reminder choices in one municipality, and who set them when.</summary>
public sealed record StoredReminderPreferences(EmailAddress Person, ReminderPreferences Preferences, DateTimeOffset UpdatedAt, string UpdatedBy);

/// <summary>
/// Reminder choices per person and municipality (issue 15: "on the day, 1, 3 or 7 days before … repeating while
/// overdue", each person's own). A person without a row gets the deployment's default (FeeBridge:Mail:Reminders).
/// Keyed by the address lower-cased, as the gallery and the bounces are: one address is one person.
/// </summary>
public sealed class ReminderPreferenceStore(StoreDialect dialect)
{
    /// <summary>Stores the person's choices, replacing earlier ones.</summary>
    public async Task SaveAsync(Kommunekode municipality, EmailAddress person, ReminderPreferences preferences, DateTimeOffset now, string by, CancellationToken ct)
    {
        await using var scope = await dialect.BeginWriteAsync([], ct);
        await using var cmd = scope.Command("""
            INSERT INTO rollout_reminder_preferences (municipality, person_key, person, days_before, repeat_overdue_every_days, send_from, updated_at, updated_by)
            VALUES (@m, @k, @p, @d, @r, @f, @t, @b)
            ON CONFLICT (municipality, person_key) DO UPDATE SET person = excluded.person, days_before = excluded.days_before,
                repeat_overdue_every_days = excluded.repeat_overdue_every_days, send_from = excluded.send_from,
                updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """);
        cmd.With("@m", municipality.Value).With("@k", Key(person)).With("@p", person.Value)
            .With("@d", string.Join(',', preferences.Before.Select(b => (int)b).Order()))
            .With("@r", preferences.RepeatOverdueEveryDays).With("@f", preferences.SendFrom.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture))
            .With("@t", ClaimCodec.ToMicros(now)).With("@b", by);
        await cmd.ExecuteNonQueryAsync(ct);
        await scope.CommitAsync(ct);
    }

    /// <summary>Back to the default; true when the person had choices of their own.</summary>
    public async Task<bool> ClearAsync(Kommunekode municipality, EmailAddress person, CancellationToken ct)
    {
        await using var scope = await dialect.BeginWriteAsync([], ct);
        await using var cmd = scope.Command("DELETE FROM rollout_reminder_preferences WHERE municipality = @m AND person_key = @k")
            .With("@m", municipality.Value).With("@k", Key(person));
        var gone = await cmd.ExecuteNonQueryAsync(ct) > 0;
        await scope.CommitAsync(ct);
        return gone;
    }

    /// <summary>The municipality's people with choices of their own (all municipalities when null), by municipality and address.</summary>
    public async Task<IReadOnlyDictionary<(Kommunekode Municipality, EmailAddress Person), StoredReminderPreferences>> AllAsync(Kommunekode? municipality, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT municipality, person, days_before, repeat_overdue_every_days, send_from, updated_at, updated_by FROM rollout_reminder_preferences"
            + (municipality is null ? "" : " WHERE municipality = @m");
        if (municipality is { } m) cmd.With("@m", m.Value);
        var all = new Dictionary<(Kommunekode, EmailAddress), StoredReminderPreferences>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var person = EmailAddress.Parse(r.GetString(1));
            var days = r.GetString(2).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(d => int.Parse(d, System.Globalization.CultureInfo.InvariantCulture));
            var preferences = ReminderPreferences.Create(days, r.IsDBNull(3) ? null : r.GetInt32(3),
                TimeOnly.ParseExact(r.GetString(4), "HH:mm", System.Globalization.CultureInfo.InvariantCulture));
            // Written only after the same check; a row that no longer passes it is a bug, not a reason to skip mail.
            if (!preferences.IsAccepted) throw new InvalidOperationException($"Stored reminder choices no longer valid: {preferences}");
            all[(Kommunekode.Parse(r.GetString(0)), person)] = new StoredReminderPreferences(person, preferences.Value!, ClaimCodec.FromMicros(r.GetInt64(5)), r.GetString(6));
        }
        return all;
    }

    private static string Key(EmailAddress address) => address.Value.ToLowerInvariant();
}
