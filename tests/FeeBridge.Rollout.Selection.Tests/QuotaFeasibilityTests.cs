using FeeBridge.Rollout.Selection;
using FeeBridge.Rollout.WorkingGroups;

namespace FeeBridge.Rollout.Selection.Tests;

/// <summary>Issue #17: "Quotas that no panel can meet are refused with the smallest change that would make them feasible, in words."</summary>
public sealed class QuotaFeasibilityTests
{
    private static readonly SelectionOptions Options = new(TimeSpan.FromSeconds(30));

    private static TrackPool PoolOf(int seats, params TrackQuota[] quotas)
    {
        // 259, 265, 269 Region Sjælland; 260, 270 Region Hovedstaden; 410, 420 Region Syddanmark.
        var codes = new[] { "259", "260", "265", "269", "270", "410", "420" };
        var members = codes.Select((c, i) => Pools.Member($"a{i}", Pools.Register.Find(Kommunekode.Parse(c))!, LibraryType.Folkebibliotek));
        return new TrackPool("implementering", members, quotas, seats);
    }

    [Fact]
    public void QuotasAPanelCanMeet_AreFeasible_WithNoChange()
    {
        var report = QuotaFeasibility.Check(PoolOf(3, new TrackQuota("implementering", SelectionFeature.Region, "Region Hovedstaden", 1, 2)));
        report.Feasible.ShouldBeTrue();
        report.Changes.ShouldBeEmpty();
    }

    [Fact]
    public void AMinimumAbovetheApplicantsWithTheValue_IsLoweredToWhatTheyAre_AndSaidInDanish()
    {
        // Two applicants from Region Hovedstaden cannot fill a minimum of 3.
        var quota = new TrackQuota("implementering", SelectionFeature.Region, "Region Hovedstaden", 3, 4);
        var report = QuotaFeasibility.Check(PoolOf(4, quota));
        report.Feasible.ShouldBeFalse();
        report.Changes.ShouldBe([new QuotaChange(quota, 2, 4)]);
        report.Danish.ShouldBe(["Sporet implementering: sænk mindstetallet for Region Hovedstaden fra 3 til 2."]);
    }

    [Fact]
    public void MaximaThatLeaveSeatsEmpty_AreRaisedByTheSmallestStep()
    {
        // 5 seats, but at most 1 from Sjælland and at most 1 from Hovedstaden: only 2 from Syddanmark remain; one more is needed.
        var sj = new TrackQuota("implementering", SelectionFeature.Region, "Region Sjælland", 0, 1);
        var h = new TrackQuota("implementering", SelectionFeature.Region, "Region Hovedstaden", 0, 1);
        var report = QuotaFeasibility.Check(PoolOf(5, sj, h));
        report.Feasible.ShouldBeFalse();
        report.Changes.Sum(c => c.NewMax - c.Quota.Max).ShouldBe(1);
        report.Danish.Single().ShouldContain("hæv det højeste tal for");
    }

    [Fact]
    public void TheSeededFbs2Group_IsFeasible_HadEveryMunicipalityApplied()
    {
        var group = WorkingGroupValidation.Validate(Fbs2WorkingGroup.Draft(Fbs2WorkingGroup.WebinarDeadline), Pools.Register).Value!;
        QuotaFeasibility.CheckGroup(group, Pools.Register).ShouldAllBe(r => r.Feasible);
    }

    [Fact]
    public void AGroupWhoseRegionMinimaExceedTheSeats_IsRefusedWithTheChanges()
    {
        // Five regions at least two each is 10 people for 6 seats: four minima must drop by one (fewest steps).
        var draft = Fbs2WorkingGroup.Draft("2027-03-03") with
        {
            Quotas = [.. new[] { "Region Hovedstaden", "Region Midtjylland", "Region Nordjylland", "Region Sjælland", "Region Syddanmark" }
                .Select(r => new QuotaDraft("implementering", "region", r, 2, 3))],
        };
        var group = WorkingGroupValidation.Validate(draft, Pools.Register).Value!;
        var report = QuotaFeasibility.CheckGroup(group, Pools.Register).Single(r => r.Track == "implementering");
        report.Feasible.ShouldBeFalse();
        report.Changes.Sum(c => c.Quota.Min - c.NewMin).ShouldBe(4);
        report.Changes.ShouldAllBe(c => c.NewMin == 1);
    }

    [Fact]
    public void ThePreparedSelection_UsesTheRelaxedQuotas_AndReportsTheChange()
    {
        var group = new WorkingGroup("g", "G", DateTimeOffset.UnixEpoch, [new WorkingGroupTrack("implementering", "Implementering", 1, 3, [Organisation.RoleId.Projektleder])],
            [new TrackQuota("implementering", SelectionFeature.Region, "Region Hovedstaden", 3, 3)], true);
        var applications = new[] { "259", "260", "265", "269", "270" }.Select((c, i) => new GroupApplication($"a{i}", "g", "implementering", Kommunekode.Parse(c),
            "N", Organisation.EmailAddress.Parse($"p{i}@kommune.dk"), Organisation.RoleId.Projektleder, LibraryType.Folkebibliotek, DateTimeOffset.UnixEpoch, "u")).ToList();
        var plan = WorkingGroupSelection.Prepare(group, applications, Pools.Register, Options, TimeProvider.System, legacyDraws: 100);
        var track = plan.Tracks.Single();
        track.QuotaChanges.Single().NewMin.ShouldBe(2);
        plan.Lottery.Text.ShouldContain("quota\timplementering\tregion\tRegion Hovedstaden\t2\t3\n");
        // Both Hovedstaden applicants (260, 270) are on every panel.
        plan.Lottery.Tracks.Single().Panels.ShouldAllBe(p => p.Contains("a1") && p.Contains("a4"));
    }
}
