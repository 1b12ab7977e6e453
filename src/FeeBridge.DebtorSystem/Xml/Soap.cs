using System.Xml.Linq;
using FeeBridge.DebtorSystem.Contract;

namespace FeeBridge.DebtorSystem.Xml;

/// <summary>SOAP 1.1 envelopes and faults around the contract's messages.</summary>
public static class Soap
{
    private static readonly XNamespace Env = Sf1590.SoapNamespace;

    public static XDocument Envelope(XElement body) =>
        new(new XDeclaration("1.0", "utf-8", null),
            new XElement(Env + "Envelope", new XAttribute(XNamespace.Xmlns + "soap", Sf1590.SoapNamespace),
                new XElement(Env + "Body", body)));

    /// <summary>A fault: <c>Client</c> for a bad message, <c>Server</c> for a failure on the answering side.</summary>
    public static XDocument Fault(string code, string text) =>
        Envelope(new XElement(Env + "Fault",
            new XElement("faultcode", "soap:" + code),
            new XElement("faultstring", text)));

    /// <summary>The one element inside <c>Body</c> of an answer; a fault in it is raised as <see cref="SoapFault"/>.</summary>
    public static XElement Body(XDocument document)
    {
        var content = Content(document);
        if (content.Name == Env + "Fault")
        {
            var code = (string?)content.Element("faultcode") ?? "soap:Server";
            throw new SoapFault(code[(code.IndexOf(':') + 1)..], (string?)content.Element("faultstring") ?? "");
        }
        return content;
    }

    /// <summary>
    /// The one element inside <c>Body</c> of a request. A Fault is an answer, never a request: it is a bad message
    /// (<see cref="ContractViolation"/>, so the sender gets a Fault <c>Client</c>), not a fault of ours.
    /// </summary>
    public static XElement RequestBody(XDocument document)
    {
        var content = Content(document);
        if (content.Name == Env + "Fault") throw new ContractViolation("A SOAP Fault is an answer, not a request.");
        return content;
    }

    private static XElement Content(XDocument document)
    {
        var envelope = document.Root;
        if (envelope is null || envelope.Name != Env + "Envelope") throw new ContractViolation("Not a SOAP 1.1 envelope.");
        var body = envelope.Element(Env + "Body") ?? throw new ContractViolation("The envelope has no Body.");
        var content = body.Elements().ToList();
        if (content.Count != 1) throw new ContractViolation("The Body must hold exactly one element.");
        return content[0];
    }
}

/// <summary>A SOAP Fault answered by the other side.</summary>
public sealed class SoapFault(string code, string text) : Exception($"SOAP Fault {code}: {text}")
{
    public string Code { get; } = code;
    public string Text { get; } = text;
}
