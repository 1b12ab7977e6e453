namespace FeeBridge.Rollout.Communication.Plan;

/// <summary>Who a plan row speaks to (DOMAIN.md §8: management, library staff, finance staff, citizens, patrons on SMS …).</summary>
public enum PlanAudience { Management, LibraryStaff, FinanceStaff, ProjectGroup, Citizens, SmsPatrons }

/// <summary>How a plan row reaches its audience (the channels tasks 26 and 27 name, and the desk card).</summary>
public enum PlanChannel { Meeting, Intranet, Email, Website, Newsletter, Sms, Poster, DeskCard }

/// <summary>Where a plan row stands.</summary>
public enum PlanRowStatus { Planned, InProgress, Done }

/// <summary>The milestone a relative date counts from, resolved from the municipality's configuration.</summary>
public enum PlanMilestone
{
    /// <summary>The earliest cut-over date among the municipality's library agencies.</summary>
    FirstCutOver,
    /// <summary>The latest cut-over date among them (the last library to move).</summary>
    LastCutOver,
}

/// <summary>Which rollout task a row belongs to: 26 "Forbered og kommunikér internt" or its external twin.</summary>
public enum PlanTask { Internal, External }

/// <summary>A term's wire id (kebab-case, as the JSON has it) and Danish title (as the screens and exports have it).</summary>
public sealed record PlanTerm<T>(T Value, string Id, string Title) where T : struct, Enum;

/// <summary>The plan's vocabularies: wire ids and Danish titles, one list per term, in the order screens show them.</summary>
public static class PlanTerms
{
    public static IReadOnlyList<PlanTerm<PlanAudience>> Audiences { get; } =
    [
        new(PlanAudience.Management, "management", "Ledelsen"),
        new(PlanAudience.LibraryStaff, "library-staff", "Bibliotekspersonalet"),
        new(PlanAudience.FinanceStaff, "finance-staff", "Økonomi- og debitormedarbejdere"),
        new(PlanAudience.ProjectGroup, "project-group", "Projektgruppen"),
        new(PlanAudience.Citizens, "citizens", "Borgerne"),
        new(PlanAudience.SmsPatrons, "sms-patrons", "Lånere tilmeldt SMS"),
    ];

    public static IReadOnlyList<PlanTerm<PlanChannel>> Channels { get; } =
    [
        new(PlanChannel.Meeting, "meeting", "Møde"),
        new(PlanChannel.Intranet, "intranet", "Intranet"),
        new(PlanChannel.Email, "email", "E-mail"),
        new(PlanChannel.Website, "website", "Hjemmeside"),
        new(PlanChannel.Newsletter, "newsletter", "Nyhedsbrev"),
        new(PlanChannel.Sms, "sms", "SMS"),
        new(PlanChannel.Poster, "poster", "Plakat"),
        new(PlanChannel.DeskCard, "desk-card", "Skrankekort"),
    ];

    public static IReadOnlyList<PlanTerm<PlanRowStatus>> Statuses { get; } =
    [
        new(PlanRowStatus.Planned, "planned", "Planlagt"),
        new(PlanRowStatus.InProgress, "in-progress", "I gang"),
        new(PlanRowStatus.Done, "done", "Udført"),
    ];

    public static IReadOnlyList<PlanTerm<PlanMilestone>> Milestones { get; } =
    [
        new(PlanMilestone.FirstCutOver, "first-cut-over", "første biblioteks overgangsdato"),
        new(PlanMilestone.LastCutOver, "last-cut-over", "sidste biblioteks overgangsdato"),
    ];

    public static PlanTerm<T> Of<T>(IReadOnlyList<PlanTerm<T>> terms, T value) where T : struct, Enum =>
        terms.First(t => EqualityComparer<T>.Default.Equals(t.Value, value));

    public static PlanTerm<T>? Find<T>(IReadOnlyList<PlanTerm<T>> terms, string? id) where T : struct, Enum =>
        terms.FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.Ordinal));

    public static string Ids<T>(IReadOnlyList<PlanTerm<T>> terms) where T : struct, Enum => string.Join(", ", terms.Select(t => t.Id));

    /// <summary>Citizens and patrons are the external task's audience; everyone else the internal one's.</summary>
    public static PlanTask TaskOf(IReadOnlyList<PlanAudience> audiences) =>
        audiences.Any(a => a is PlanAudience.Citizens or PlanAudience.SmsPatrons) ? PlanTask.External : PlanTask.Internal;
}
