using FeeBridge.Rollout.Communication.Plan;

namespace FeeBridge.Server.Staff.Pages.Rollout.Plan;

/// <summary>
/// A plan row as the form posts it: lists as one item a line, the date as a kind ("fast" or "milepael") with the day
/// or the milestone and days before (negative) or after. <see cref="ToDraft"/> hands it to the same rules as the API.
/// </summary>
public sealed class PlanRowForm
{
    public string? Occasion { get; set; }
    public List<string> Audiences { get; set; } = [];
    public string? KeyMessages { get; set; }
    public string? Aim { get; set; }
    public string? Channel { get; set; }
    public string? Actions { get; set; }
    public string? Owner { get; set; }
    public string DateKind { get; set; } = "milepael";
    public string? Date { get; set; }
    public string? Milestone { get; set; } = "first-cut-over";
    public int? OffsetDays { get; set; } = -14;
    public string? Status { get; set; } = "planned";
    public int? Revision { get; set; }

    public PlanRowDraft ToDraft() => new(Occasion, Audiences, Lines(KeyMessages), Aim, Channel, Lines(Actions), Owner,
        DateKind == "fast" ? Date : null, DateKind == "fast" ? null : Milestone, DateKind == "fast" ? null : OffsetDays, Status);

    public static PlanRowForm From(PlanRow row, int revision)
    {
        var d = PlanRowDraft.Of(row);
        return new PlanRowForm
        {
            Occasion = row.Occasion, Audiences = [.. d.Audiences!], KeyMessages = string.Join("\n", row.KeyMessages), Aim = row.Aim,
            Channel = d.Channel, Actions = string.Join("\n", row.Actions), Owner = d.Owner, DateKind = d.Date is null ? "milepael" : "fast",
            Date = d.Date, Milestone = d.Milestone ?? "first-cut-over", OffsetDays = d.OffsetDays ?? -14, Status = d.Status, Revision = revision,
        };
    }

    private static List<string> Lines(string? text) =>
        [.. (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>The form field a refusal's field is shown at (<c>audiences[0]</c> at the audiences).</summary>
    public static string FieldOf(string refusalField) => refusalField.Split('[', '.')[0] switch
    {
        "occasion" => "anledning", "audiences" => "maalgruppe", "keyMessages" => "budskaber", "aim" => "formaal", "channel" => "kanal",
        "actions" => "handlinger", "owner" => "ejer", "date" => "dato", "milestone" => "milepael", "offsetDays" => "dage", "status" => "status",
        _ => "anledning",
    };
}
