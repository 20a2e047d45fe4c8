namespace Parley.Bench.Liquid;

/// <summary>Realistic apiRequest/tool templates: URLs, bearer headers, JSON bodies and rejection conditions.</summary>
public static class ToolTemplates
{
    const string Customer = """{"number":"+14155550123","name":"Jane Doe","firstName":"Jane","email":"jane.doe@example.com","tier":"gold"}""";
    const string Messages = """[{"role":"system","content":"You are a helpful assistant for Acme Corp."},{"role":"assistant","content":"Hi! How can I help you today?"},{"role":"user","content":"I want to check my order status."},{"role":"assistant","content":"Sure, what is your order number?"},{"role":"user","content":"It's 12345, and please cancel it."},{"role":"assistant","content":"Let me look that up."},{"role":"user","content":"Thanks, goodbye"}]""";

    public static readonly (string Template, string Context)[] All =
    [
        ("https://api.example.com/v1/customers/{{ customer.number | url_encode }}/orders?limit={{ limit | default: 10 }}&status={{ status | default: \"open\" }}",
            $$"""{"customer":{{Customer}},"limit":25}"""),
        ("Bearer {{ apiToken }}", """{"apiToken":"sk_live_51Habc123def456ghi789"}"""),
        ("{\"name\": {{ customer.name | json }}, \"phone\": {{ customer.number | json }}, \"email\": {{ customer.email | default: \"\" | json }}}",
            $$"""{"customer":{{Customer}}}"""),
        ("{\"orderId\": {{ orderId | json }}, \"items\": {{ items | map: \"sku\" | json }}, \"total\": {{ items | sum: \"price\" | round: 2 }}}",
            """{"orderId":"A-1001","items":[{"sku":"X1","price":9.99},{"sku":"Y2","price":24.5},{"sku":"Z3","price":3.25}]}"""),
        ("{% if messages.last.content | downcase contains 'goodbye' %}true{% else %}false{% endif %}".Replace("| downcase ", ""),
            $$"""{"messages":{{Messages}}}"""),
        ("{% assign last = messages | where: \"role\", \"user\" | last %}{% if last.content contains \"cancel\" or last.content contains \"refund\" %}true{% else %}false{% endif %}",
            $$"""{"messages":{{Messages}}}"""),
        ("{% assign n = messages | where: \"role\", \"user\" | size %}{% if n >= 3 %}true{% else %}false{% endif %}", $$"""{"messages":{{Messages}}}"""),
        ("https://calendar.example.com/slots?date={{ \"now\" | date: \"%Y-%m-%d\", \"America/New_York\" }}&tz=America%2FNew_York&duration={{ duration | default: 30 }}",
            """{"duration":45}"""),
        ("Hello {{ customer.firstName | default: \"there\" }}, today is {{ \"now\" | date: \"%A, %B %d\", timezone }}.", $$"""{"customer":{{Customer}},"timezone":"Europe/London"}"""),
        ("{\n  \"event\": \"call.summary\",\n  \"customer\": {{ customer | json }},\n  \"transcript\": [{% for m in messages %}{\"role\": {{ m.role | json }}, \"text\": {{ m.content | json }}}{% unless forloop.last %},{% endunless %}{% endfor %}]\n}",
            $$"""{"customer":{{Customer}},"messages":{{Messages}}}"""),
        ("https://crm.example.com/api/contacts/search?q={{ customer.email | url_encode }}&fields={{ fields | join: \",\" }}", $$"""{"customer":{{Customer}},"fields":["id","name","owner"]}"""),
        ("{% case customer.tier %}{% when \"gold\", \"platinum\" %}priority{% when \"silver\" %}standard{% else %}basic{% endcase %}", $$"""{"customer":{{Customer}}}"""),
        ("X-Signature: {{ payload | hmac_sha256: secret }}", """{"payload":"{\"id\":42}","secret":"whsec_abc"}"""),
        ("{% liquid\n  assign hour = \"now\" | date: \"%H\", \"America/Los_Angeles\" | plus: 0\n  if hour >= 9 and hour < 17\n    echo \"open\"\n  else\n    echo \"closed\"\n  endif\n%}", "{}"),
        ("{\"amount\": {{ amount | times: 100 | round }}, \"currency\": {{ currency | default: \"usd\" | upcase | json }}, \"description\": {{ description | truncate: 40 | json }}}",
            """{"amount":19.99,"description":"Monthly subscription for the premium voice assistant plan"}"""),
    ];
}
