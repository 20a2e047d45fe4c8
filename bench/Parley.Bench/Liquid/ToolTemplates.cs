using System.Text.Json.Nodes;

namespace Parley.Bench.Liquid;

/// <summary>Realistic templates from tool definitions: URLs, bearer headers, JSON bodies, rejection conditions.</summary>
public static class ToolTemplates
{
    public static IEnumerable<(string Template, JsonObject Context)> Cases()
    {
        var variables = JsonNode.Parse("""
            {"userToken":"tok_live_2f9a","orderId":"A-1029","customer":{"number":"+14155550123","name":"Jane Doe","email":"jane@example.com"},
             "items":[{"sku":"s1","qty":2,"price":9.5},{"sku":"s2","qty":1,"price":20}],"city":"San Francisco","page":2,
             "messages":[{"role":"system","content":"You are helpful."},{"role":"assistant","content":"Hi!"},{"role":"user","content":"I want to transfer my call"},
                         {"role":"assistant","content":"Sure."},{"role":"user","content":"Please connect me to a representative"}]}
            """)!.AsObject();
        string[] templates =
        [
            "https://api.example.com/orders/{{orderId}}?customer={{ customer.number | url_encode }}&page={{page}}",
            "Bearer {{userToken}}",
            "https://maps.example.com/geo?q={{ city | url_encode }}&limit=5",
            """{"order":"{{orderId}}","name":{{ customer.name | json }},"items":{{ items | json }}}""",
            """{"total":{{ items | map: "price" | sum }},"count":{{ items | size }}}""",
            "{{ customer.name | split: ' ' | first }}",
            "{{ 'now' | date: '%Y-%m-%dT%H:%M:%S', 'America/New_York' }}",
            "Hello {{ customer.name | default: 'there' }}, your order {{ orderId | upcase }} ships soon.",
            "{% if customer.email contains '@' %}{{ customer.email | downcase }}{% else %}none{% endif %}",
            "{% assign recent = messages | last: 5 %}{% assign users = messages | where: 'role', 'user' %}{% assign hit = false %}{% for m in users %}{% if m.content contains 'transfer' or m.content contains 'representative' %}{% assign hit = true %}{% break %}{% endif %}{% endfor %}{% if hit %}false{% else %}true{% endif %}",
            "{% assign last = messages | last %}{% if last.content | size > 0 %}x{% endif %}",
            "{% for i in items %}{{ i.sku }}:{{ i.qty | times: i.price }}{% unless forloop.last %},{% endunless %}{% endfor %}",
            "X-Caller: {{ customer.number | remove: '+' }}",
            "{{ messages | map: 'role' | uniq | join: ',' }}",
            "{% case customer.name %}{% when 'Jane Doe' %}vip{% else %}std{% endcase %}",
        ];
        return templates.Select(t => (t, (JsonObject)variables.DeepClone()));
    }
}
