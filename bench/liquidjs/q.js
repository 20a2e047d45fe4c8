const {Liquid}=require('liquidjs');
const l=new Liquid({locale:'en-US'});
(async()=>{for(const t of process.argv.slice(2)){try{console.log(JSON.stringify(t),'=>',JSON.stringify(await l.parseAndRender(t,{a:5,b:3,s:"hello",arr:[1,2,3],o:{x:1}})))}catch(e){console.log(JSON.stringify(t),'ERR',e.message.split('\n')[0])}}})();
