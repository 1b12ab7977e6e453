using FeeBridge.Rollout.Municipalities;
using FeeBridge.Rollout.Organisation;
using FeeBridge.Rollout.WorkingGroups;

namespace FeeBridge.Rollout.Tests.WorkingGroups;

/// <summary>CONTRACTS.md §7 <c>POST /</c>: the group's fields, tracks and quotas, refused field by field in Danish.</summary>
public sealed class WorkingGroupValidationTests
{
    private static readonly MunicipalityRegister Register = MunicipalityRegister.Denmark;

    [Fact]
    public void TheWebinarsGroup_IsAccepted_WithItsTwoTracksAndTheirRoles()
    {
        var group = WorkingGroupValidation.Validate(Fbs2WorkingGroup.Draft(Fbs2WorkingGroup.WebinarDeadline), Register).Value!;
        group.Id.ShouldBe("fbs2-implementeringsarbejdsgruppe");
        group.Tracks.Select(t => (t.Id, t.SeatsMin, t.SeatsMax)).ShouldBe([("implementering", 5, 6), ("uddannelse", 6, 8)]);
        group.Track("uddannelse")!.Roles.ShouldBe([RoleId.Superbruger, RoleId.Systemadministrator]);
        group.OnePersonOneTrack.ShouldBeTrue();
    }

    [Fact]
    public void ADateDeadline_ClosesAtTheNextMidnightInCopenhagen()
    {
        // 3 March 2025 is winter time (UTC+1): sign-up closes at 2025-03-03T23:00Z.
        WorkingGroupValidation.ParseDeadline("2025-03-03").ShouldBe(new DateTimeOffset(2025, 3, 3, 23, 0, 0, TimeSpan.Zero));
        // 1 July is summer time (UTC+2).
        WorkingGroupValidation.ParseDeadline("2027-07-01").ShouldBe(new DateTimeOffset(2027, 7, 1, 22, 0, 0, TimeSpan.Zero));
        WorkingGroupValidation.ParseDeadline("2027-03-03T12:00:00+01:00").ShouldBe(new DateTimeOffset(2027, 3, 3, 11, 0, 0, TimeSpan.Zero));
        WorkingGroupValidation.ParseDeadline("2027-03-03T12:00:00").ShouldBeNull(); // no offset: whose noon?
        WorkingGroupValidation.ParseDeadline("3. marts").ShouldBeNull();
        DanishDeadline.Text(WorkingGroupValidation.ParseDeadline("2025-03-03")!.Value).ShouldBe("til og med 3. marts 2025");
    }

    [Fact]
    public void EveryWrongField_IsNamed_AndNothingIsAccepted()
    {
        var draft = new WorkingGroupDraft("FBS 2", "", "snart",
            [new TrackDraft("implementering", "Implementering", 3, 2, ["kaffe"]), new TrackDraft("implementering", "Igen", 1, 1, ["projektleder"])],
            [new QuotaDraft("ukendt", "region", "Region Hovedstaden", 1, 2), new QuotaDraft("implementering", "region", "Jylland", 1, 2),
             new QuotaDraft("implementering", "alder", "ung", 0, 1), new QuotaDraft("implementering", "size", "large", 2, 1)],
            true);
        var outcome = WorkingGroupValidation.Validate(draft, Register);
        outcome.IsAccepted.ShouldBeFalse();
        outcome.Refusals.Select(r => r.Field).ShouldBe(
            ["id", "title", "deadline", "tracks[0].seatsMax", "tracks[0].roles", "tracks[1].id", "quotas[0].track", "quotas[1].value", "quotas[2].feature", "quotas[3].max"],
            ignoreOrder: true);
        outcome.Refusals.Single(r => r.Field == "quotas[1].value").Reason.ShouldContain("Region Nordjylland");
    }

    [Fact]
    public void TheSameQuotaTwice_IsRefused()
    {
        var draft = Fbs2WorkingGroup.Draft("2027-03-03") with { Quotas = [new QuotaDraft("implementering", "size", "large", 1, 2), new QuotaDraft("implementering", "size", "large", 2, 3)] };
        WorkingGroupValidation.Validate(draft, Register).Refusals.Single().Field.ShouldBe("quotas[1]");
    }

    [Fact]
    public void CountsPerFeature_ListEveryValue_AndNeverAName()
    {
        var group = WorkingGroupValidation.Validate(Fbs2WorkingGroup.Draft("2027-03-03"), Register).Value!;
        var apps = new[] { ("259", LibraryType.Folkebibliotek), ("260", LibraryType.Skolebibliotek), ("461", LibraryType.Folkebibliotek) }
            .Select((x, i) => new GroupApplication($"a{i}", group.Id, "implementering", Kommunekode.Parse(x.Item1), "Navn Navnesen", EmailAddress.Parse($"p{i}@k.dk"), RoleId.Projektleder, x.Item2, default, "u"))
            .ToList();
        var counts = ApplicationCounts.Of(group, apps, Register);
        var impl = counts.Single(c => c.Track == "implementering");
        impl.Applications.ShouldBe(3);
        impl.ByFeature.Single(c => c.Value == "Region Sjælland").Count.ShouldBe(1);
        impl.ByFeature.Single(c => c.Value == "Region Syddanmark").Count.ShouldBe(1); // 461 Odense
        impl.ByFeature.Single(c => c.Value == "Region Nordjylland").Count.ShouldBe(0);
        impl.ByFeature.Single(c => c.Value == "large").Count.ShouldBe(2); // Holbæk 62,458 and Odense; Rødovre 41,547 is small
        impl.ByFeature.Single(c => c.Value == "skolebibliotek").Count.ShouldBe(1);
        counts.Single(c => c.Track == "uddannelse").Applications.ShouldBe(0);
    }
}
