using System.Text;

namespace Headless.Api.Features.Search;

/// <summary>Turns FTS5 snippets, whose matches are marked with <see cref="SearchStore.MarkStart"/> and <see cref="SearchStore.MarkEnd"/>, into safe HTML.</summary>
public static class Highlights
{
    /// <summary>
    /// HTML-escapes the text and wraps each marked match in <c>&lt;mark&gt;</c>. Marks always come out balanced: an
    /// end without a start is dropped, and a start without an end is closed at the end.
    /// </summary>
    public static string ToHtml(string marked)
    {
        var html = new StringBuilder(marked.Length + 32);
        var open = false;
        foreach (var c in marked)
        {
            switch (c)
            {
                case '\uFDD0' when !open:
                    html.Append("<mark>");
                    open = true;
                    break;
                case '\uFDD1' when open:
                    html.Append("</mark>");
                    open = false;
                    break;
                case '\uFDD0' or '\uFDD1':
                    break;
                case '&':
                    html.Append("&amp;");
                    break;
                case '<':
                    html.Append("&lt;");
                    break;
                case '>':
                    html.Append("&gt;");
                    break;
                case '"':
                    html.Append("&quot;");
                    break;
                case '\'':
                    html.Append("&#39;");
                    break;
                default:
                    html.Append(c);
                    break;
            }
        }

        if (open)
        {
            html.Append("</mark>");
        }

        return html.ToString();
    }
}
