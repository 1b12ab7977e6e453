using FeeBridge.Application;
using FeeBridge.Application.Rollout;
using FeeBridge.Persistence;
using FeeBridge.Rollout.Organisation;
using FeeBridge.Rollout.Reminders;
using FeeBridge.Rollout;
using FeeBridge.Server.Staff;

namespace FeeBridge.Server.Rollout.ReminderChoices;

/// <summary>One person of the gallery with the reminders they get: their own choices, or the deployment's default.</summary>
public sealed record PersonReminders(RolePerson Person, ReminderPreferences Preferences, bool Own, DateTimeOffset? UpdatedAt, string? UpdatedBy);

/// <summary>
/// Each person's reminder choices (issue 15), for the API and the page alike: who may see and change them, the
/// check, the store and the audit. The municipality's project leader sets them for anyone of its gallery; a person
/// signed in with the address the gallery has for them sets their own (no project leader needed to stop one's mail).
/// </summary>
public sealed class PersonReminderChoices(FeeBridgeStore store, MailOptions mail, StaffAudit audit, TimeProvider clock)
{
    /// <summary>What whoever made no choice gets: FeeBridge:Mail:Reminders (checked at start-up by the reminder worker).</summary>
    public ReminderPreferences Default => ReminderRound.PreferencesOf(mail.Reminders).Value ?? ReminderPreferences.Default;

    public static bool IsSelf(StaffUser user, EmailAddress person) =>
        user.Email is { } e && EmailAddress.TryParse(e, out var own, out _) && own == person;

    /// <summary>The people of the gallery whose choices <paramref name="user"/> may see: everyone for whoever reads the workspace, else only themself.</summary>
    public async Task<IReadOnlyList<PersonReminders>> ListAsync(StaffUser user, Kommunekode municipality, CancellationToken ct)
    {
        var gallery = (await store.Rollout.Organisations.FindAsync(municipality, ct))?.Organisation ?? MunicipalOrganisation.Empty;
        var own = await store.Rollout.ReminderPreferences.AllAsync(municipality, ct);
        var everyone = user.MayReadRollout(municipality.Value);
        return [.. gallery.People.Where(p => everyone || IsSelf(user, p.Email)).OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => own.TryGetValue((municipality, p.Email), out var s)
                ? new PersonReminders(p, s.Preferences, true, s.UpdatedAt, s.UpdatedBy)
                : new PersonReminders(p, Default, false, null, null))];
    }

    /// <summary>
    /// Sets <paramref name="person"/>'s choices (null: back to the default), audited. Refused (nothing changed) when
    /// the person is not in the gallery, or <paramref name="user"/> is neither its project leader nor that person.
    /// </summary>
    public async Task<(Outcome<PersonReminders> Outcome, bool Forbidden)> SaveAsync(StaffUser user, Kommunekode municipality, EmailAddress person,
        ReminderPreferences? choices, CancellationToken ct)
    {
        var mayChange = user.MayChangeRollout(municipality.Value) || IsSelf(user, person);
        if (!mayChange) return (Outcome<PersonReminders>.Refuse("email", "Only the municipality's project leader or the person themself changes their reminders."), true);
        var gallery = (await store.Rollout.Organisations.FindAsync(municipality, ct))?.Organisation ?? MunicipalOrganisation.Empty;
        if (gallery.Find(person) is not { } found)
            return (Outcome<PersonReminders>.Refuse("email", "The person is not in the municipality's role gallery (organisation)."), false);
        var now = clock.GetUtcNow();
        var record = $"rollout/{municipality}/reminder-preferences/{person}";
        if (choices is null)
        {
            var had = await store.Rollout.ReminderPreferences.ClearAsync(municipality, person, ct);
            if (had) await audit.RecordAsync(user, "rollout.reminders.default", record, null, "back to the default", ct);
            return (Outcome<PersonReminders>.Accept(new PersonReminders(found, Default, false, null, null)), false);
        }
        await store.Rollout.ReminderPreferences.SaveAsync(municipality, person, choices, now, user.UserName, ct);
        await audit.RecordAsync(user, "rollout.reminders.chosen", record, null, Describe(choices), ct);
        return (Outcome<PersonReminders>.Accept(new PersonReminders(found, choices, true, now, user.UserName)), false);
    }

    /// <summary>The choices in words, e.g. "7 og 3 dage før, på dagen; hver 7. dag efter fristen; fra kl. 08:00".</summary>
    public static string Describe(ReminderPreferences p)
    {
        var before = p.Before.OrderDescending().Select(o => o == ReminderOffset.OnTheDay ? "på dagen" : $"{(int)o} {((int)o == 1 ? "dag" : "dage")} før").ToList();
        var parts = new List<string> { before.Count == 0 ? "ingen før fristen" : string.Join(", ", before) };
        parts.Add(p.RepeatOverdueEveryDays is { } every ? $"hver {every}. dag efter fristen" : "ingen efter fristen");
        if (before.Count > 0 || p.RepeatOverdueEveryDays is not null) parts.Add($"fra kl. {p.SendFrom:HH\\:mm}");
        return string.Join("; ", parts);
    }
}
