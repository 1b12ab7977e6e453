using FeeBridge.Application.Observability;
using FeeBridge.Server.Citizen;
using FeeBridge.Server.Hosting;
using FeeBridge.Application;

namespace FeeBridge.Server.Tests.Citizen;

/// <summary>What the page says in words: the measured payment speed and the municipalities' FAQ.</summary>
public class CitizenTextTests
{
    [Fact]
    public void Payment_speed_states_the_median_and_the_95th_percentile_of_what_was_measured()
    {
        // 100 payments: 1..100 seconds. Median (nearest rank) 50 s, 95th percentile 95 s.
        var s = PaymentSpeed.Describe([.. Enumerable.Range(1, 100).Select(i => i * 1000L)]);
        s.Payments.ShouldBe(100);
        s.Median.ShouldBe(TimeSpan.FromSeconds(50));
        s.P95.ShouldBe(TimeSpan.FromSeconds(95));
        s.Text.ShouldContain("typisk efter 50 sekunder");
        s.Text.ShouldContain("95 % af betalingerne inden for 95 sekunder");
        s.Text.ShouldContain("målt på 100 betalinger");
    }

    [Fact]
    public void Payment_speed_without_measurements_says_so_rather_than_promising_a_figure()
    {
        var s = PaymentSpeed.Describe([]);
        s.Median.ShouldBeNull();
        s.Text.ShouldContain("ikke målt");
    }

    [Theory]
    [InlineData(300, "under 1 sekund")]
    [InlineData(1000, "1 sekund")]
    [InlineData(4200, "5 sekunder")]
    [InlineData(150_000, "3 minutter")]
    [InlineData(3 * 3_600_000, "3 timer")]
    public void Durations_are_rounded_up_in_danish(long ms, string words) =>
        PaymentSpeed.Duration(TimeSpan.FromMilliseconds(ms)).ShouldBe(words);

    [Fact]
    public void Faq_markdown_becomes_questions_and_answers_with_raw_html_disabled()
    {
        var faq = CitizenTexts.Parse("## Kan jeg betale kontant?\nNej, men i **Borgerservice**.\n<script>alert(1)</script>\n## Hvem?\nRing til os.", "Faxe Kommune");
        faq.Select(e => e.Question).ShouldBe(["Kan jeg betale kontant?", "Hvem?"]);
        faq[0].AnswerHtml.ShouldContain("<strong>Borgerservice</strong>");
        faq[0].AnswerHtml.ShouldNotContain("<script>");
        faq[0].Municipality.ShouldBe("Faxe Kommune");
    }

    [Fact]
    public void The_default_faq_answers_the_questions_citizens_ask_filled_in_for_each_municipality()
    {
        var sandbox = new FeeBridgeOptions { Mode = FeeBridgeMode.Sandbox };
        var texts = new CitizenTexts(Tenants.From(sandbox, FeeBridge.SandboxHost.SandboxHostProgram.Mode), sandbox);
        var faq = texts.Faq(["101"]);
        var all = string.Join("\n", faq.Select(e => e.Question + " " + e.AnswerHtml));
        foreach (var topic in new[] { "Digital Post", "rykkergebyr", "barn", "kontant", "tilbage", "kontakt", "30 dage", "30. november 2020", "Københavns Kommune" })
            all.ShouldContain(topic, Case.Insensitive);
        all.ShouldNotContain("{");
    }
}
