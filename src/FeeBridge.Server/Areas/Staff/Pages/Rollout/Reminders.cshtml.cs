using System.Globalization;
using FeeBridge.Rollout;
using FeeBridge.Rollout.Organisation;
using FeeBridge.Rollout.Reminders;
using FeeBridge.Server.Rollout.ReminderChoices;
using Microsoft.AspNetCore.Mvc;

namespace FeeBridge.Server.Staff.Pages.Rollout;

/// <summary>
/// Who gets which deadline reminders (<c>/staff/rollout/{kommunekode}/paamindelser</c>): every person of the gallery
/// with their own choices or the default; the project leader changes anyone's, a person signed in with the gallery's
/// address only their own (and sees only their own), through <see cref="PersonReminderChoices"/> as the API does.
/// </summary>
public sealed class RemindersModel(PersonReminderChoices choices) : RolloutPageModel
{
    /// <summary>The before-deadline reminders offered, latest first as a person reads a calendar.</summary>
    public static readonly IReadOnlyList<(ReminderOffset Offset, string Label)> Offered =
    [
        (ReminderOffset.SevenDaysBefore, "7 dage før"), (ReminderOffset.ThreeDaysBefore, "3 dage før"),
        (ReminderOffset.OneDayBefore, "1 dag før"), (ReminderOffset.OnTheDay, "På dagen"),
    ];

    /// <summary>Repeats while overdue offered; a person's own other number (set through the API) is shown as well.</summary>
    public static readonly IReadOnlyList<int> Repeats = [1, 2, 3, 7, 14, 30];

    public IReadOnlyList<PersonReminders> People { get; private set; } = [];
    public ReminderPreferences Default => choices.Default;
    public IReadOnlyList<Refusal> Refusals { get; private set; } = [];
    public string? SavedFor { get; private set; }

    public bool MayChange(PersonReminders p) =>
        StaffMember.MayChangeRollout(Municipality!.Code.Value) || PersonReminderChoices.IsSelf(StaffMember, p.Person.Email);

    public async Task<IActionResult> OnGetAsync(string kommunekode, string? gemt, CancellationToken ct)
    {
        if (await DeniedAsync(kommunekode, ct) is { } denied) return denied;
        SavedFor = gemt;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string kommunekode, string? email, List<int>? days, string? repeat, string? sendFrom, bool useDefault, CancellationToken ct)
    {
        if (await DeniedAsync(kommunekode, ct) is { } denied) return denied;
        if (!EmailAddress.TryParse(email, out var person, out _)) return Invalid([new("email", "Vælg en person fra rollegalleriet.")]);
        ReminderPreferences? wanted = null;
        if (!useDefault)
        {
            int? every = null;
            if (!string.IsNullOrEmpty(repeat))
            {
                if (!int.TryParse(repeat, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return Invalid([new("repeat", "Vælg hvor ofte påmindelsen gentages.")]);
                every = n;
            }
            TimeOnly? from = null;
            if (!string.IsNullOrEmpty(sendFrom))
            {
                if (!TimeOnly.TryParseExact(sendFrom, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
                    return Invalid([new("sendFrom", "Skriv klokkeslættet som tt:mm, fx 08:00.")]);
                from = t;
            }
            var made = ReminderPreferences.Create(days ?? [], every, from);
            if (!made.IsAccepted) return Invalid(made.Refusals);
            wanted = made.Value;
        }
        var (outcome, forbidden) = await choices.SaveAsync(StaffMember, Municipality!.Code, person, wanted, ct);
        if (forbidden) return Refuse(StatusCodes.Status403Forbidden, "Du kan kun ændre dine egne påmindelser. Kommunens projektleder kan ændre alles.");
        if (!outcome.IsAccepted) return Invalid([new("email", "Personen står ikke i kommunens rollegalleri.")]);
        return Redirect($"/staff/rollout/{Municipality.Code.Value}/paamindelser?gemt={Uri.EscapeDataString(person.Value)}#person-{Anchor(person)}");
    }

    /// <summary>An id for a person's card that says nothing but is stable (their place in the list would shift).</summary>
    public static string Anchor(EmailAddress person) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(person.Value.ToLowerInvariant())))[..12];

    // Whoever reads the workspace sees everyone; anyone else signed in sees their own card, if the gallery has them.
    private async Task<IActionResult?> DeniedAsync(string kommunekode, CancellationToken ct)
    {
        if (Denied(kommunekode, change: false, orIf: _ => true) is { } unknown) return unknown;
        People = await choices.ListAsync(StaffMember, Municipality!.Code, ct);
        return StaffMember.MayReadRollout(Municipality.Code.Value) || People.Count > 0 ? null
            : Refuse(StatusCodes.Status403Forbidden, "Du står ikke i kommunens rollegalleri, og som projektleder ser du kun din egen kommunes udrulning.");
    }

    private IActionResult Invalid(IReadOnlyList<Refusal> refusals)
    {
        Refusals = refusals;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
