using System.Xml;
using System.Xml.Linq;

namespace FeeBridge.DebtorSystem.Xml;

/// <summary>
/// Reads XML from outside without trusting it: the size is checked while reading, before anything is parsed; DTDs
/// are refused (so no entity expansion and no external entity can be reached); nothing is resolved from outside;
/// nesting depth is limited.
/// </summary>
public static class SafeXml
{
    public const int DefaultMaxBytes = 4 * 1024 * 1024;
    public const int MaxDepth = 32;

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
        Async = true,
    };

    /// <summary>Reads at most <paramref name="maxBytes"/> from the stream (more is refused) and parses it safely.</summary>
    public static async Task<XDocument> LoadAsync(Stream input, int maxBytes = DefaultMaxBytes, CancellationToken ct = default) =>
        Parse(new MemoryStream(await ReadAllAsync(input, maxBytes, ct), writable: false), maxBytes);

    /// <summary>The message's bytes, at most <paramref name="maxBytes"/> (more is refused), before anything is parsed.</summary>
    public static async Task<byte[]> ReadAllAsync(Stream input, int maxBytes = DefaultMaxBytes, CancellationToken ct = default)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        try
        {
            while ((read = await input.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > maxBytes) throw new ContractViolation($"The message is larger than {maxBytes} bytes.");
                buffer.Write(chunk, 0, read);
            }
        }
        catch (IOException e)
        {
            // The sender's stream failed us: the server's own limits (a body too large, one arriving too slowly) or
            // a cut-off connection. A bad message, not a fault of ours; the server's text names the limit.
            throw new ContractViolation($"The message could not be read: {e.Message}");
        }
        return buffer.ToArray();
    }

    /// <summary>Parses a message already in memory, with the same protections.</summary>
    public static XDocument Parse(Stream buffered, int maxBytes = DefaultMaxBytes)
    {
        var settings = Settings.Clone();
        settings.MaxCharactersInDocument = maxBytes;
        settings.Async = false;
        try
        {
            // First pass: the shape only (depth), without building anything; then the tree.
            var start = buffered.Position;
            using (var scan = XmlReader.Create(buffered, settings))
            {
                while (scan.Read())
                {
                    if (scan.Depth > MaxDepth) throw new ContractViolation($"The message is nested deeper than {MaxDepth} levels.");
                }
            }
            buffered.Position = start;
            using var reader = XmlReader.Create(buffered, settings);
            return XDocument.Load(reader, LoadOptions.None);
        }
        catch (XmlException e)
        {
            throw new ContractViolation(e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase)
                ? "DTDs are not allowed."
                : $"The message is not well-formed XML (line {e.LineNumber}).");
        }
    }
}
