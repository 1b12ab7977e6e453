using FeeBridge.Domain.Claims;

namespace FeeBridge.Domain.Tests.Claims;

/// <summary>
/// CONTRACTS.md §8: the desk sees each claim "with where it is now (with-library, on-its-way, at-municipality, rejected,
/// paid, …)"; and a rejected claim can be sent again as it stands (the finance queue's "resend").
/// </summary>
public class ClaimWhereaboutsTests
{
    [Theory]
    [InlineData(ClaimStatus.Held, ClaimRoute.Library, "with-library")]
    [InlineData(ClaimStatus.Received, ClaimRoute.Undecided, "on-its-way")]
    [InlineData(ClaimStatus.Queued, ClaimRoute.DebtorSystem, "on-its-way")]
    [InlineData(ClaimStatus.Registered, ClaimRoute.DebtorSystem, "at-municipality")]
    [InlineData(ClaimStatus.PartiallyPaid, ClaimRoute.DebtorSystem, "at-municipality")]
    [InlineData(ClaimStatus.Rejected, ClaimRoute.DebtorSystem, "rejected")]
    [InlineData(ClaimStatus.Paid, ClaimRoute.DebtorSystem, "paid")]
    [InlineData(ClaimStatus.WrittenOff, ClaimRoute.DebtorSystem, "written-off")]
    [InlineData(ClaimStatus.InCollection, ClaimRoute.DebtorSystem, "with-collector")]
    [InlineData(ClaimStatus.Cancelled, ClaimRoute.DebtorSystem, "withdrawn")]
    [InlineData(ClaimStatus.WrittenDown, ClaimRoute.Library, "withdrawn")]
    public void Whereabouts_follow_the_route_for_open_claims_and_the_status_for_settled_ones(ClaimStatus status, ClaimRoute route, string name) =>
        ClaimWhereaboutsNames.Name(ClaimWhereaboutsNames.Of(status, route)).ShouldBe(name);

    [Fact]
    public void Every_whereabouts_has_a_name_that_reads_back_and_danish_words()
    {
        foreach (var w in Enum.GetValues<ClaimWhereabouts>())
        {
            ClaimWhereaboutsNames.TryParse(ClaimWhereaboutsNames.Name(w), out var back).ShouldBeTrue();
            back.ShouldBe(w);
            ClaimWhereaboutsNames.Words(w).ShouldNotBeNullOrWhiteSpace();
        }
        ClaimWhereaboutsNames.Words(ClaimWhereabouts.AtMunicipality).ShouldBe("Hos kommunen");
    }

    [Fact]
    public void Resend_queues_a_rejected_claim_again_with_its_own_type_and_dates_so_the_registration_goes_out_again()
    {
        var queued = TestClaims.Queued();
        var rejected = queued.With([new ClaimRejected("UKENDT_FORDRINGSART", "Fordringsarten kendes ikke.") { Seq = 3, At = TestClaims.Now }]);

        var outcome = ClaimCommands.Resend(rejected, TestClaims.Now.AddHours(1));

        var again = (ClaimQueued)((CommandOutcome.Accepted)outcome).Events.ShouldHaveSingleItem();
        again.Seq.ShouldBe(4);
        (again.ClaimType, again.DueDate, again.LastOnTimePaymentDate).ShouldBe((queued.DebtorClaimType!.Value, queued.DueDate!.Value, queued.LastOnTimePaymentDate!.Value));
        DebtorSystemHandlings.For(rejected, again).ShouldBe(HandlingKind.OpretDebitorkonto);
        var resent = rejected.Apply(outcome);
        resent.Status.ShouldBe(ClaimStatus.Queued);
        // On its way again: a second resend changes nothing.
        ClaimCommands.Resend(resent, TestClaims.Now.AddHours(2)).ShouldBeOfType<CommandOutcome.AlreadyDone>();
    }

    [Fact]
    public void Resend_is_refused_for_a_claim_that_was_not_rejected()
    {
        var registered = TestClaims.Queued().With([new ClaimRegistered("D-1") { Seq = 3, At = TestClaims.Now }]);
        ClaimCommands.Resend(registered, TestClaims.Now).ShouldBeOfType<CommandOutcome.Conflict>();
    }
}
