using System.Net;
using System.Text.RegularExpressions;
using FeeBridge.Rollout.Communication;
using FeeBridge.Rollout.Communication.Drafts;
using FeeBridge.Rollout.Communication.Sms;
using static FeeBridge.Rollout.Tests.Workflow.WorkflowFacts;

namespace FeeBridge.Rollout.Tests.Communication;

/// <summary>
/// Issue 16 part 2: every channel's first draft is "written from the live configuration", in Danish, and never
/// promises what FeeBridge cannot keep (the payment speed is FeeBridge's measured figure, or none). Each draft is
/// checked for the facts it must carry: cut-over dates per agency, the minimum, the payment site, the deadline.
/// </summary>
public sealed class DefaultDraftTests
{
    private static string Text(DraftChannel channel, MunicipalityFacts facts)
    {
        var template = DraftTemplate.Parse(channel.DefaultTemplate);
        template.IsAccepted.ShouldBeTrue(template.ToString());
        var rendered = template.Value!.Render(facts, channel.Format);
        rendered.IsAccepted.ShouldBeTrue(rendered.ToString());
        rendered.Value!.UnknownNames.ShouldBeEmpty($"the default {channel.Id} draft uses only the model's names");
        // The words a reader sees: tags out, entities decoded.
        return channel.Format == DraftFormat.Html ? WebUtility.HtmlDecode(Regex.Replace(rendered.Value.Output, "<[^>]+>", "")) : rendered.Value.Output;
    }

    public static TheoryData<string> Channels() => [.. DraftChannels.All.Select(c => c.Id)];

    [Theory]
    [MemberData(nameof(Channels))]
    public void EveryChannel_HasADefault_ThatRendersForEveryKindOfMunicipality(string id)
    {
        var channel = DraftChannels.Find(id).ShouldNotBeNull();
        foreach (var facts in new[] { Hørsholm, Rudersdal, Egedal, Greve }) Text(channel, facts).ShouldContain(facts.Name);
    }

    [Theory]
    [MemberData(nameof(Channels))]
    public void WithoutAMeasurement_NoChannelPromisesAFigure(string id)
    {
        // "Up to 72 hours" is the old wait (DOMAIN.md §2), not a promise; any other figure with a unit would be one.
        var text = Text(DraftChannels.Find(id)!, Egedal).Replace("op til 72 timer", "", StringComparison.Ordinal);
        Regex.IsMatch(text, @"\d+ (sekund|minut|time)").ShouldBeFalse(text);
    }

    [Theory]
    [MemberData(nameof(Channels))]
    public void AMunicipalityNotConfigured_GetsNoInventedDates(string id)
    {
        var text = Text(DraftChannels.Find(id)!, Greve);
        text.ShouldContain("ikke sat op i FeeBridge endnu");
        text.ShouldNotContain("2027");
    }

    [Fact]
    public void TheManagementMail_NamesEachAgencysCutOverDate_TheMinimum_ThePaymentSite_AndTheMeasuredSpeed()
    {
        var text = Text(DraftChannels.Management, Rudersdal);
        text.ShouldContain("Rudersdal Bibliotekerne: fra 1. februar 2027");
        text.ShouldContain("Rudersdal Skolebiblioteker: fra 5. april 2027");
        text.ShouldContain("Krav under 50 kr. venter");
        text.ShouldContain("https://www.rudersdal.dk/betal");
        text.ShouldContain("Fristen er 20 dage");
        text.ShouldContain("sendes til kommunen som civilt krav");
        text.ShouldContain("typisk 4 sekunder");
        text.ShouldContain("95 % inden for 9 sekunder");
        text.ShouldContain("op til 72 timer", customMessage: "before FeeBridge, as DOMAIN.md §2 has it");
    }

    [Fact]
    public void TheDeskInformation_SaysWhatChanges_WhatToSay_AndWhereTheCitizenPays()
    {
        var text = Text(DraftChannels.Desk, Rudersdal);
        text.ShouldContain("Rudersdal Bibliotekerne: krav oprettet fra 1. februar 2027 sendes til kommunen. Spærregrænsen er fortsat 150 kr.");
        text.ShouldContain("Rudersdal Skolebiblioteker: krav oprettet fra 5. april 2027");
        text.ShouldContain("Vi tager ikke imod betaling for de nye krav, heller ikke kontant");
        text.ShouldContain("Hvad siger jeg til borgeren?");
        text.ShouldContain("inden for 20 dage");
        text.ShouldContain("Betal her");
        text.ShouldContain("Betal hos kommunen");
        text.ShouldContain("MitID");
        text.ShouldContain("Hvor betaler borgeren?");
        text.ShouldContain("På kommunens betalingsside: https://www.rudersdal.dk/betal.");
        text.ShouldContain("Krav under 50 kr. venter");
    }

    [Fact]
    public void TheDeskInformation_WithoutAPaymentSite_SaysItIsNotSetUp_AndPromisesNoMinutes()
    {
        var text = Text(DraftChannels.Desk, Egedal);
        text.ShouldContain("adressen er ikke sat op i FeeBridge endnu");
        text.ShouldContain("Lov ikke et bestemt antal minutter");
        text.ShouldNotContain("samlet regning", customMessage: "Egedal has no minimum");
    }

    [Fact]
    public void TheFinanceInformation_SaysWhatArrives_AndHowToHandleRejections()
    {
        var text = Text(DraftChannels.Finance, Hørsholm);
        text.ShouldContain("Fra 1. marts 2027: nye gebyrer og erstatningskrav fra Hørsholm Bibliotek");
        text.ShouldContain("betalingsfrist på 30 dage");
        text.ShouldContain("Krav under 100 kr. sendes ikke enkeltvis");
        text.ShouldContain("bliver hos biblioteket");
        text.ShouldContain("nedskrivning");
        text.ShouldContain("Sådan håndterer I afviste krav");
        text.ShouldContain("\"Send igen\"");
        text.ShouldContain("\"Ret CPR/CVR og send igen\"");
        text.ShouldContain("revisionssporet");
    }

    [Fact]
    public void TheIntranetArticle_AndTheNewsletter_CarryTheDate_TheDeadline_AndTheMinimum()
    {
        var intranet = Text(DraftChannels.Intranet, Hørsholm);
        intranet.ShouldContain("Fra 1. marts 2027 sender biblioteket nye gebyrer og erstatningskrav til Hørsholm Kommune");
        intranet.ShouldContain("30 dages frist");
        intranet.ShouldContain("krav under 100 kr. samles");
        intranet.ShouldContain("typisk 4 sekunder");
        var newsletter = Text(DraftChannels.Newsletter, Rudersdal);
        newsletter.ShouldContain("Rudersdal Skolebiblioteker: fra 5. april 2027");
        newsletter.ShouldContain("Fra 1. februar 2027 er det Rudersdal Kommune", customMessage: "the earliest date when they differ");
        newsletter.ShouldContain("under 50 kr. samles");
    }

    [Fact]
    public void TheSmsTexts_AreSeveral_EachCountedAsGsm7_WithTheFactsIn()
    {
        var messages = SmsDraft.Messages(Text(DraftChannels.Sms, Hørsholm));
        messages.Count.ShouldBe(3);
        messages[0].Text.ShouldContain("Fra 1. marts 2027 opkræver Hørsholm Kommune nye gebyrer");
        messages[1].Text.ShouldContain("inden for 30 dage");
        messages[1].Text.ShouldContain("https://www.horsholm.dk/borger/betaling/");
        messages[2].Text.ShouldContain("under 100 kr. samles");
        foreach (var m in messages)
        {
            m.Count.Encoding.ShouldBe(SmsEncoding.Gsm7, $"the default texts keep to GSM 03.38 (æøå included): {m.Text}");
            m.Count.Segments.ShouldBe(SmsCounter.Count(m.Text).Segments);
        }
    }

    [Fact]
    public void AnSmsText_IsNeverMarkup_ValuesGoInAsWritten()
    {
        var rendered = DraftTemplate.Parse("Hej {{ kommune.navn }}").Value!.Render(Hørsholm with { Name = "A & B <C>" }, DraftFormat.Text).Value!;
        rendered.Output.ShouldBe("Hej A & B <C>");
    }

    [Fact]
    public void SmsTexts_AreSplitOnALineWithThreeDashes_AndEmptyOnesDropped() =>
        SmsDraft.Messages("en\n---\n\n---\nto\r\nlinje\n --- \ntre").Select(m => m.Text).ShouldBe(["en", "to\nlinje", "tre"]);
}
