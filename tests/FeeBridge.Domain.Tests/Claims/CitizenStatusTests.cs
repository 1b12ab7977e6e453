using FeeBridge.Domain.Claims;

namespace FeeBridge.Domain.Tests.Claims;

/// <summary>Rule "status model" (DOMAIN.md §4): the state's four words for a claim in the debtor system.</summary>
public class CitizenStatusTests
{
    private static readonly DateOnly Last = new(2026, 12, 1);

    [Theory]
    [InlineData(ClaimStatus.Registered, "2026-12-01", CitizenStatus.Upcoming)]
    [InlineData(ClaimStatus.Registered, "2026-12-02", CitizenStatus.Overdue)]
    [InlineData(ClaimStatus.PartiallyPaid, "2026-12-02", CitizenStatus.Overdue)]
    [InlineData(ClaimStatus.Queued, "2026-12-02", CitizenStatus.Overdue)]
    [InlineData(ClaimStatus.Paid, "2027-06-01", CitizenStatus.Paid)]
    [InlineData(ClaimStatus.InCollection, "2026-11-01", CitizenStatus.SentToCollection)]
    [InlineData(ClaimStatus.WrittenOff, "2026-11-01", CitizenStatus.WrittenOff)]
    [InlineData(ClaimStatus.Cancelled, "2026-11-01", CitizenStatus.Withdrawn)]
    public void Status_model_reads_the_last_on_time_payment_date_against_today(ClaimStatus status, string today, CitizenStatus expected) =>
        CitizenStatuses.For(status, null, Last, DateOnly.Parse(today)).ShouldBe(expected);

    [Fact]
    public void Status_model_takes_the_debtor_systems_own_calendar_when_it_has_spoken()
    {
        // The debtor system's clock says overdue although FeeBridge's date has not passed, and the other way round.
        CitizenStatuses.For(ClaimStatus.Registered, "Overskredet", Last, new DateOnly(2026, 11, 20)).ShouldBe(CitizenStatus.Overdue);
        CitizenStatuses.For(ClaimStatus.Registered, "Aaben", Last, new DateOnly(2026, 12, 20)).ShouldBe(CitizenStatus.Upcoming);
        CitizenStatuses.For(ClaimStatus.Registered, "Inddrivelse", Last, new DateOnly(2026, 11, 20)).ShouldBe(CitizenStatus.SentToCollection);
    }

    [Fact]
    public void Status_model_a_paid_claim_is_paid_whatever_the_debtor_system_last_said() =>
        CitizenStatuses.For(ClaimStatus.Paid, "Overskredet", Last, new DateOnly(2026, 12, 20)).ShouldBe(CitizenStatus.Paid);

    [Fact]
    public void Status_model_uses_the_states_words_in_danish()
    {
        CitizenStatuses.Text(CitizenStatus.Upcoming).ShouldBe("Kommende betaling");
        CitizenStatuses.Text(CitizenStatus.Paid).ShouldBe("Betalt");
        CitizenStatuses.Text(CitizenStatus.Overdue).ShouldBe("Betalingsdato er overskredet");
        CitizenStatuses.Text(CitizenStatus.SentToCollection).ShouldBe("Sendt til Gældsstyrelsen");
    }
}
