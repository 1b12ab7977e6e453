using System.Globalization;
using FeeBridge.Rollout.Organisation;

namespace FeeBridge.Rollout.Communication.Plan;

/// <summary>
/// The rules a plan row obeys, every reason at once (a form shows them all): an occasion, at least one audience and a
/// channel from the plan's vocabularies, plain text within limits, an owner who is a person of the municipality's role
/// gallery (KOMBIT and the plan alike know only the people registered there), and one date — a day, or a milestone
/// with days before or after it (at most a year).
/// </summary>
public static class PlanRowValidation
{
    public const int MaxText = 2000;
    public const int MaxItems = 20;
    public const int MaxOffsetDays = 365;

    /// <param name="gallery">The gallery the owner must be in; null when reading a stored row back (its owner was checked
    /// when it was saved, and stays named if they left the gallery since).</param>
    public static Outcome<PlanRow> Validate(PlanRowDraft draft, string rowId, MunicipalOrganisation? gallery)
    {
        var refusals = new List<Refusal>();
        var occasion = Text(draft.Occasion, "occasion", 200, required: true, refusals);
        var aim = Text(draft.Aim, "aim", MaxText, required: false, refusals);
        var keyMessages = Items(draft.KeyMessages, "keyMessages", refusals);
        var actions = Items(draft.Actions, "actions", refusals);

        var audiences = new List<PlanAudience>();
        if (draft.Audiences is not { Count: > 0 }) refusals.Add(new("audiences", "Vælg mindst én målgruppe."));
        else
        {
            for (var i = 0; i < draft.Audiences.Count; i++)
            {
                if (PlanTerms.Find(PlanTerms.Audiences, draft.Audiences[i]) is { } a) { if (!audiences.Contains(a.Value)) audiences.Add(a.Value); }
                else refusals.Add(new($"audiences[{i}]", $"Ukendt målgruppe; brug {PlanTerms.Ids(PlanTerms.Audiences)}."));
            }
        }

        var channel = PlanTerms.Find(PlanTerms.Channels, draft.Channel);
        if (channel is null) refusals.Add(new("channel", $"Vælg en kanal: {PlanTerms.Ids(PlanTerms.Channels)}."));

        var status = draft.Status is null ? PlanTerms.Of(PlanTerms.Statuses, PlanRowStatus.Planned) : PlanTerms.Find(PlanTerms.Statuses, draft.Status);
        if (status is null) refusals.Add(new("status", $"Status skal være {PlanTerms.Ids(PlanTerms.Statuses)}."));

        EmailAddress? owner = null;
        if (!string.IsNullOrWhiteSpace(draft.Owner))
        {
            if (!EmailAddress.TryParse(draft.Owner.Trim(), out var email, out _)) refusals.Add(new("owner", "Ejeren skal angives med sin e-mailadresse."));
            else if (gallery is not null && !gallery.Contains(email)) refusals.Add(new("owner", "Ejeren skal være en person i kommunens rollefordeling (opgave 23)."));
            else owner = gallery?.Find(email)?.Email ?? email;
        }

        var date = DateOf(draft, refusals);
        return refusals.Count > 0
            ? Outcome<PlanRow>.Refuse(refusals)
            : Outcome<PlanRow>.Accept(new PlanRow(rowId, occasion!, audiences, keyMessages, aim ?? "", channel!.Value, actions, owner, date!, status!.Value));
    }

    private static PlanDate? DateOf(PlanRowDraft draft, List<Refusal> refusals)
    {
        var hasDay = !string.IsNullOrWhiteSpace(draft.Date);
        var hasMilestone = !string.IsNullOrWhiteSpace(draft.Milestone);
        if (hasDay == hasMilestone)
        {
            refusals.Add(new("date", "Angiv enten en dato (ÅÅÅÅ-MM-DD) eller en milepæl med antal dage før eller efter."));
            return null;
        }
        if (hasDay)
        {
            if (DateOnly.TryParseExact(draft.Date!.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return PlanDate.On(day);
            refusals.Add(new("date", "Datoen skal skrives ÅÅÅÅ-MM-DD og findes i kalenderen."));
            return null;
        }
        if (PlanTerms.Find(PlanTerms.Milestones, draft.Milestone) is not { } milestone)
        {
            refusals.Add(new("milestone", $"Milepælen skal være {PlanTerms.Ids(PlanTerms.Milestones)}."));
            return null;
        }
        var offset = draft.OffsetDays ?? 0;
        if (Math.Abs(offset) > MaxOffsetDays)
        {
            refusals.Add(new("offsetDays", $"Højst {MaxOffsetDays} dage før eller efter milepælen."));
            return null;
        }
        return PlanDate.Relative(milestone.Value, offset);
    }

    private static string? Text(string? text, string field, int max, bool required, List<Refusal> refusals)
    {
        var value = Clean(text);
        if (required && value.Length == 0) refusals.Add(new(field, "Skal udfyldes."));
        else if (value.Length > max) refusals.Add(new(field, $"Højst {max} tegn."));
        return value;
    }

    private static List<string> Items(IReadOnlyList<string>? items, string field, List<Refusal> refusals)
    {
        var list = (items ?? []).Select(Clean).Where(s => s.Length > 0).ToList();
        if (list.Count > MaxItems) refusals.Add(new(field, $"Højst {MaxItems} punkter."));
        for (var i = 0; i < list.Count; i++) if (list[i].Length > MaxText) refusals.Add(new($"{field}[{i}]", $"Højst {MaxText} tegn."));
        return list;
    }

    // Plain text: trimmed, control characters (other than none) dropped; pages encode it, exports guard formulas.
    private static string Clean(string? text) =>
        new string((text ?? "").Where(c => !char.IsControl(c)).ToArray()).Trim();
}
