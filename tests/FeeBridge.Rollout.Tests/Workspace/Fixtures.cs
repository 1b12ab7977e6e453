using FeeBridge.Rollout.Organisation;
using FeeBridge.Rollout.Workspace;

namespace FeeBridge.Rollout.Tests.Workspace;

/// <summary>Task 23 as a master task, a municipality's gallery and copies of the task, shared by the rollout tests.</summary>
internal static class Fixtures
{
    public const string Project = "FBS - Fælles Bibliotekssystem";
    public static readonly Kommunekode Koebenhavn = Kommunekode.Parse("101");
    public static readonly Kommunekode Aarhus = Kommunekode.Parse("751");
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(1));
    public static readonly EmailAddress Anne = EmailAddress.Parse("anne.hansen@kk.dk");
    public static readonly EmailAddress Bo = EmailAddress.Parse("bo@kk.dk");
    public static readonly EmailAddress Outsider = EmailAddress.Parse("someone@example.com");

    public static TaskActor By(string who = "anne.hansen@kk.dk", DateTimeOffset? at = null) => new(who, at ?? T0);

    /// <summary>Task 23 "Etabler organisering" (sources/003), version <paramref name="version"/>.</summary>
    public static MasterTaskFields Task23(int version = 1) => new(
        Project, "23", version, "Etabler organisering", "Fase 2: Forberedelse", "Organisering og arbejdsgange",
        new MasterTaskPriority(3, "anbefalet"), true, ["FBS - Fælles Bibliotekssystem - FBS – testbølge"],
        "Målet med denne opgave er at få etableret en fornuftig organisering af arbejdet.",
        "Implementeringen af ØiR i forbindelse med FBS går ud på at etablere en integration.",
        ["Afklar den ønskede organisering.", "Afklar, hvilke kompetencer og områder I ønsker at inddrage og på hvilket tidspunkt.",
         "Læs evt. KLIK-opgaverne igennem.", "Markér opgaven som fuldført."],
        "At kommunen har fastlagt hvilke medarbejdere og kompetencer, der er behov for at inddrage og hvornår.",
        "Projektleder", ["Projektejer", "ØiR-koordinator", "Biblioteksfolk", "Økonomi-/debitormedarbejdere"], []);

    /// <summary>A master task with another id and title.</summary>
    public static MasterTaskFields Master(string id, string title, string phase = "Fase 2: Forberedelse", string theme = "Organisering og arbejdsgange",
        IReadOnlyList<string>? waves = null, string project = Project) =>
        Task23() with { MasterTaskId = id, Title = title, Phase = phase, Theme = theme, Waves = waves ?? ["FBS – testbølge"], Project = project };

    public static MunicipalTask Copy(MasterTaskFields? master = null, string taskId = "t-23", Kommunekode? municipality = null) =>
        TaskCommands.CopyOf(taskId, municipality ?? Koebenhavn, master ?? Task23(), By()).Value!.Task;

    /// <summary>Anne is projektleder (primary), Bo is in debitorpersonale.</summary>
    public static MunicipalOrganisation Gallery() => OrganisationValidation.Validate(new OrganisationDraft(
        [
            new RoleDraft("projektleder", [new PersonDraft("Anne Hansen", "Anne.Hansen@kk.dk", true)]),
            new RoleDraft("debitorpersonale", [new PersonDraft("Bo Jensen", "bo@kk.dk", false)]),
        ], [])).Value!;

    /// <summary>The task after a command that must be accepted.</summary>
    public static MunicipalTask Accepted(Outcome<TaskChange> outcome)
    {
        outcome.IsAccepted.ShouldBeTrue(outcome.ToString());
        return outcome.Value!.Task;
    }

    /// <summary>The refusal of a command that must be refused, for one field.</summary>
    public static Refusal RefusedOn(Outcome<TaskChange> outcome, string field)
    {
        outcome.IsAccepted.ShouldBeFalse(outcome.ToString());
        var refusal = outcome.Refusals.ShouldHaveSingleItem();
        refusal.Field.ShouldBe(field);
        return refusal;
    }
}
