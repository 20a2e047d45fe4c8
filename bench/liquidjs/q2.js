const {Liquid}=require('liquidjs');const l=new Liquid({locale:'en-US'});
for (const c of 'aAbBCdDeFgGhHIjklLmMnNpPqrRsStTuUvVwWyYzZ+') { process.stdout.write(c+'=['+l.parseAndRenderSync('{{ "2024-01-05T03:04:05.123Z" | date: "%'+c+'" }}',{})+'] ') }
console.log();
console.log(JSON.stringify(l.parseAndRenderSync('{% for p in products %}{{ p.available }},{% endfor %}{{ products | reject_exp: "p", "p.available" | json }}',{products:[{a:1,available:true},{a:2,available:false},{a:3}]})));
console.log(JSON.stringify(l.parseAndRenderSync('{{ "Ä b" | slugify: "latin" }}|{{ "Àé b" | slugify: "latin" }}|{{ "Àé b" | slugify }}|{{ "Àé b" | slugify: "pretty" }}',{})));
