using FeeBridge.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace FeeBridge.Server.Tests.Rollout.CommunicationPlan;

/// <summary>The plan page's changed-fact markers (issue 16 part 2: "the drafts and the plan show that they changed"). Aarhus (751) is this part's own.</summary>
public sealed partial class CommunicationPlanPageTests
{
    [Fact]
    public async Task ThePlanPage_ShowsAChangedCutOverDate_OldToNew_UntilTheProjectLeaderMarksItSeen()
    {
        var (page, refused) = await SignInAsync("projektleder-751", width: 320);
        await page.GotoAsync(Url("/staff/rollout/751/kommunikationsplan"));
        await Assertions.Expect(page.Locator("[data-changed-facts]")).ToHaveCountAsync(0); // the first look is the baseline

        await using (var store = site.OpenStore())
        {
            var code = FeeBridge.Domain.Kommunekode.Parse("751");
            var seen = (await store.Rollout.Drafts.SeenAsync(code, default))["kommunikationsplan"];
            var older = seen.Facts.Select(f => f.Key == "bibliotek.775100.skaeringsdato" ? f with { Value = "1. februar 2027" } : f).ToList();
            await store.Rollout.Drafts.MarkSeenAsync(code, "kommunikationsplan", older, seen.SeenAt, seen.SeenBy, default);
        }
        await page.ReloadAsync();
        var marker = page.Locator("[data-changed-facts] li[data-change='bibliotek.775100.skaeringsdato']");
        await Assertions.Expect(marker).ToContainTextAsync("1. februar 2027");
        await Assertions.Expect(marker).ToContainTextAsync("1. september 2021");
        await ShouldBeAccessibleAndFitAsync(page, "rollout-communication-plan-changed-facts-320px", refused);

        await page.Locator("[data-mark-seen]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-changed-facts]")).ToHaveCountAsync(0);
    }
}
