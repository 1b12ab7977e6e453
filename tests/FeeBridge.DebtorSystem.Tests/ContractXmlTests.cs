using System.Text;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using FeeBridge.DebtorSystem.Contract;
using FeeBridge.DebtorSystem.Xml;

namespace FeeBridge.DebtorSystem.Tests;

public class ContractXmlTests
{
    private static readonly XmlSchemaSet Schema = LoadSchema();

    private static XmlSchemaSet LoadSchema()
    {
        var set = new XmlSchemaSet { XmlResolver = null };
        using var reader = XmlReader.Create(Path.Combine(AppContext.BaseDirectory, "sf1590-modelled.xsd"), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        set.Add(Sf1590.Namespace, reader);
        set.Compile();
        return set;
    }

    private static void ShouldMatchTheXsd(XElement message)
    {
        var errors = new List<string>();
        new XDocument(message).Validate(Schema, (_, e) => errors.Add(e.Message));
        errors.ShouldBeEmpty();
    }

    public static DebitorRegistrering Sample()
    {
        var jens = new Party(Cpr.Parse("0101901234"), null, "Jens Hansen");
        return new DebitorRegistrering(Kommunekode.Parse("101"), "FeeBridge", Guid.NewGuid(),
        [
            new OpretDebitorkonto(Guid.NewGuid(), jens, new Fordring("710100-C1", "BIBGEBYR", "Gebyr <for sent> & mere",
                new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 20), new DateOnly(2026, 12, 21),
                [new Delfordring("1", Money.Parse("120.00"), "Sen aflevering"), new Delfordring("2", Money.Parse("0.50"), null)],
                new Party(Cpr.Parse("0505751234"), null, null), null)),
            new NedskrivFordring(Guid.NewGuid(), "710100-C1", "1", Money.Parse("20.00"), "material-returned"),
            new SkiftJuridiskAnsvarlig(Guid.NewGuid(), "710100-C1", new Party(null, Cvr.Parse("29189846"), "Firma A/S")),
            new RetFordringTilstand(Guid.NewGuid(), "710100-C1", Tilstand.Berostillet),
            new AnnullerFordring(Guid.NewGuid(), "710100-C1", "error"),
        ]);
    }

    private static XElement Reparse(XElement e) =>
        Soap.Body(SafeXml.Parse(new MemoryStream(Encoding.UTF8.GetBytes(Soap.Envelope(e).ToString()))));

    [Fact]
    public void Registration_WrittenByFeeBridge_MatchesTheXsd() => ShouldMatchTheXsd(RegistrationXml.Write(Sample()));

    [Theory]
    [InlineData("unknown Fordringsart")]
    [InlineData("no ForsendelseId")]
    [InlineData("three decimals")]
    public void Xsd_CatchesWhatBreaksTheContract(string breakage)
    {
        var broken = RegistrationXml.Write(Sample());
        XElement First(string name) => broken.Descendants().First(e => e.Name.LocalName == name);
        switch (breakage)
        {
            case "unknown Fordringsart": First("Fordringsart").Value = "BIBFOO"; break;
            case "no ForsendelseId": First("ForsendelseId").Remove(); break;
            default: First("Beloeb").Value = "1.005"; break;
        }
        var errors = new List<string>();
        new XDocument(broken).Validate(Schema, (_, e) => errors.Add(e.Message));
        errors.ShouldNotBeEmpty();
    }

    [Fact]
    public void Registration_ReadBack_IsWhatWasWritten()
    {
        var sent = Sample();
        var read = RegistrationXml.ReadRequest(Reparse(RegistrationXml.Write(sent)));

        read.MyndighedKode.ShouldBe(sent.MyndighedKode);
        read.ForsendelseId.ShouldBe(sent.ForsendelseId);
        read.Handlinger.Count.ShouldBe(5);
        var opret = read.Handlinger[0].ShouldBeOfType<OpretDebitorkonto>();
        var original = (OpretDebitorkonto)sent.Handlinger[0];
        opret.Debitor.ShouldBe(original.Debitor);
        opret.Fordring.Delfordringer.ShouldBe(original.Fordring.Delfordringer);
        opret.Fordring.JuridiskAnsvarlig.ShouldBe(original.Fordring.JuridiskAnsvarlig);
        (opret.Fordring with { Delfordringer = [] }).ShouldBe(original.Fordring with { Delfordringer = [] });
        read.Handlinger.Skip(1).ShouldBe(sent.Handlinger.Skip(1));
    }

    [Fact]
    public void Receipts_WrittenByTheSandbox_MatchTheXsd_AndReadBack()
    {
        var svar = new DebitorRegistreringSvar(Guid.NewGuid(),
        [
            new Kvittering(Guid.NewGuid(), KvitteringStatus.Udfoert, "DS-000017", null, null),
            new Kvittering(Guid.NewGuid(), KvitteringStatus.Afvist, null, "UKENDT_FORDRINGSART", "Fordringsart BIBFOO kendes ikke"),
        ]);
        ShouldMatchTheXsd(RegistrationXml.Write(svar));
        RegistrationXml.ReadResponse(Reparse(RegistrationXml.Write(svar))).Kvitteringer.ShouldBe(svar.Kvitteringer);
    }

    [Fact]
    public void Inquiry_ByPersonAndByPage_MatchesTheXsd_AndReadsBack()
    {
        var byPerson = new DebitorForespoergsel(Kommunekode.Parse("101"), "FeeBridge", new Party(Cpr.Parse("0101901234"), null, null), 0, null);
        var byPage = new DebitorForespoergsel(Kommunekode.Parse("101"), "FeeBridge", null, 100, "DS-00000100");
        foreach (var q in new[] { byPerson, byPage })
        {
            ShouldMatchTheXsd(InquiryXml.Write(q));
            InquiryXml.ReadRequest(Reparse(InquiryXml.Write(q))).ShouldBe(q);
        }

        var answer = new DebitorForespoergselSvar(
            [new ForespoergselFordring("710100-C1", "DS-00000001", Money.Parse("120.00"), Money.Parse("100.00"), Money.Parse("0.84"),
                Money.Parse("250.00"), new DateOnly(2026, 12, 21), "Overskredet", FiPaymentId.FromSequence(1), "81010001")],
            "DS-00000001");
        ShouldMatchTheXsd(InquiryXml.Write(answer));
        var read = InquiryXml.ReadResponse(Reparse(InquiryXml.Write(answer)));
        read.Fordringer.ShouldBe(answer.Fordringer);
        read.Fortsaettelse.ShouldBe("DS-00000001");
    }

    [Fact]
    public void Events_MatchTheXsd_AndReadBack()
    {
        var request = new DaekningAfskrivningRegistrering(Kommunekode.Parse("101"),
        [
            new Haendelse(Guid.NewGuid(), "710100-C1", "1", HaendelseType.Daekning, Money.Parse("20.00"), new DateOnly(2026, 11, 25), "MobilePay", Money.Parse("100.00")),
            new Haendelse(Guid.NewGuid(), "710100-C2", null, HaendelseType.OversendtTilInddrivelse, Money.Parse("870.00"), new DateOnly(2027, 4, 20), null, Money.Parse("120.00")),
        ]);
        ShouldMatchTheXsd(EventXml.Write(request));
        var read = EventXml.ReadRequest(Reparse(EventXml.Write(request)));
        read.MyndighedKode.ShouldBe(request.MyndighedKode);
        read.Haendelser.ShouldBe(request.Haendelser);

        var answer = new DaekningAfskrivningSvar([new HaendelseKvittering(request.Haendelser[0].HaendelseId, HaendelseStatus.Afvist, "Ukendt fordring")]);
        ShouldMatchTheXsd(EventXml.Write(answer));
        EventXml.ReadResponse(Reparse(EventXml.Write(answer))).Kvitteringer.ShouldBe(answer.Kvitteringer);
    }

    [Fact]
    public void Fault_IsReadAsAFaultWithItsCode()
    {
        var fault = Soap.Fault("Client", "DTDs are not allowed.");
        var e = Should.Throw<SoapFault>(() => Soap.Body(SafeXml.Parse(new MemoryStream(Encoding.UTF8.GetBytes(fault.ToString())))));
        e.Code.ShouldBe("Client");
        e.Text.ShouldBe("DTDs are not allowed.");
    }

    private static Exception Refused(string xml) =>
        Should.Throw<ContractViolation>(async () =>
            RegistrationXml.ReadRequest(Soap.Body(await SafeXml.LoadAsync(new MemoryStream(Encoding.UTF8.GetBytes(xml))))));

    private static string Envelope(string inner, string prolog = "") =>
        $"""<?xml version="1.0"?>{prolog}<soap:Envelope xmlns:soap="{Sf1590.SoapNamespace}"><soap:Body>{inner}</soap:Body></soap:Envelope>""";

    private static string ValidBody() => RegistrationXml.Write(Sample()).ToString();

    [Fact]
    public void HostileXml_ExternalEntityReadingEtcPasswd_IsRefused_AndNothingIsRead()
    {
        var xml = Envelope("<x xmlns=\"urn:feebridge:modelled:sf1590:v1\">&xxe;</x>", "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>");
        var e = Refused(xml);
        e.Message.ShouldContain("DTD");
        e.Message.ShouldNotContain("root:");
    }

    [Fact]
    public void HostileXml_EntityExpansion_IsRefused()
    {
        var lol = "<!DOCTYPE lolz [<!ENTITY lol \"lol\">" +
                  string.Concat(Enumerable.Range(1, 9).Select(i => $"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{(i == 1 ? "" : (i - 1).ToString())};", 10))}\">")) + "]>";
        Refused(Envelope("<a>&lol9;</a>", lol)).Message.ShouldContain("DTD");
    }

    [Fact]
    public async Task HostileXml_FiftyMegabytes_IsRefusedAfterTheLimit_WithoutReadingItAll()
    {
        var endless = new CountingStream(50 * 1024 * 1024);
        var e = await Should.ThrowAsync<ContractViolation>(() => SafeXml.LoadAsync(endless, maxBytes: 1024 * 1024));
        e.Message.ShouldContain("larger than");
        endless.BytesRead.ShouldBeLessThan(2 * 1024 * 1024);
    }

    [Fact]
    public void HostileXml_DeepNesting_IsRefused() =>
        Refused(Envelope(string.Concat(Enumerable.Repeat("<a>", 200)) + string.Concat(Enumerable.Repeat("</a>", 200))))
            .Message.ShouldContain("deeper");

    [Fact]
    public void WrongNamespace_IsRefused() =>
        Refused(Envelope(ValidBody().Replace(Sf1590.Namespace, "urn:somebody-else"))).Message.ShouldContain("namespace");

    [Theory]
    [InlineData("<ForsendelseId>", "ForsendelseId")]
    [InlineData("<Fordringsart>", "Fordringsart")]
    [InlineData("<Delfordring>", "Delfordring")]
    [InlineData("<JuridiskAnsvarlig>", "JuridiskAnsvarlig")]
    public void MissingRequiredElement_IsRefused_NamingIt(string openTag, string name)
    {
        var body = XElement.Parse(ValidBody());
        foreach (var e in body.Descendants().Where(d => d.Name.LocalName == openTag.Trim('<', '>')).ToList()) e.Remove();
        Refused(Envelope(body.ToString())).Message.ShouldContain(name);
    }

    [Fact]
    public void NotXmlAtAll_IsRefused() => Refused("this is { not xml").Message.ShouldContain("well-formed");

    [Fact]
    public void NotAnEnvelope_IsRefused() => Refused(ValidBody()).Message.ShouldContain("SOAP");

    [Fact]
    public void BadAmount_IsRefused_WithoutEchoingIt() =>
        Refused(Envelope(ValidBody().Replace("<Beloeb>120.00</Beloeb>", "<Beloeb>12.345</Beloeb>"))).Message.ShouldNotContain("12.345");

    /// <summary>A stream of <c>&lt;a&gt;</c>s that counts what was read from it.</summary>
    private sealed class CountingStream(long length) : Stream
    {
        public long BytesRead { get; private set; }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - BytesRead);
            buffer.AsSpan(offset, n).Fill((byte)'a');
            BytesRead += n;
            return n;
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
