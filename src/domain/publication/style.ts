/**
 * The site's one stylesheet (`estilo.css`): system fonts only, colours that pass WCAG AA on white
 * (text 4.5:1 and more), tables that scroll sideways inside their box on a phone.
 */

const widths = Array.from({ length: 101 }, (_, n) => `.ancho-${n}{width:${n}%}`).join('\n');

export const STYLESHEET = `/* Publicación del plan de acción · Alcaldía de Pasto */
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Liberation Sans",Arial,sans-serif;
  font-size:1rem;line-height:1.5;color:#1a1a1a;background:#fff}
a{color:#0b4f8a;text-underline-offset:.15em}
a:visited{color:#5a2d82}
a:focus-visible,[tabindex]:focus-visible{outline:3px solid #b35c00;outline-offset:2px}
.saltar{position:absolute;left:.5rem;top:-3rem;padding:.5rem 1rem;background:#0b4f8a;color:#fff;z-index:10}
.saltar:focus{top:.5rem;color:#fff}
.encabezado{background:#0b3a63;color:#fff;padding:.75rem 1rem}
.entidad{margin:0 0 .5rem;font-weight:600}
.encabezado nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}
.encabezado nav a{color:#fff;display:inline-block;padding:.25rem 0}
.encabezado nav a[aria-current="page"],.encabezado nav a.activa{font-weight:700;text-decoration-thickness:3px}
main{display:block;max-width:72rem;margin:0 auto;padding:1rem}
main:focus{outline:none}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.3rem;margin:2rem 0 .75rem;border-bottom:2px solid #d0d7de;padding-bottom:.25rem}
h3{font-size:1.1rem;margin:1.5rem 0 .5rem}
.fecha{color:#3d3d3d;margin-top:0}
.avance{display:grid;grid-template-columns:repeat(auto-fit,minmax(15rem,1fr));gap:.75rem 2rem;margin:1rem 0}
.avance div{margin:0}
.avance dt{font-weight:600}
.avance dd{margin:0}
.cuentas{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0;margin:1rem 0}
.cuentas li{border:1px solid #c4ccd4;border-radius:.4rem;padding:.4rem .75rem;background:#f6f8fa}
.cuentas strong{font-size:1.15rem}
.medida{display:inline-flex;align-items:center;gap:.5rem;white-space:nowrap}
.barra{display:inline-block;width:7rem;height:.9rem;background:#e6e9ec;border:1px solid #6b7680;border-radius:.2rem;overflow:hidden}
.avance .barra{width:min(14rem,60vw);height:1.1rem}
.relleno{display:block;height:100%}
.barra-programado .relleno{background:#5b6b7a}
.barra-ejecutado .relleno{background:#1f6f3f}
.cifra{font-variant-numeric:tabular-nums;min-width:3.5rem}
${widths}
.tabla{overflow-x:auto;margin:.5rem 0 1.5rem;border:1px solid #d0d7de;border-radius:.3rem;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;min-width:40rem}
caption{text-align:left;font-weight:700;padding:.6rem .75rem;background:#f6f8fa;border-bottom:1px solid #d0d7de}
/* The caption's text stays in view and wraps to the screen while the table scrolls under it. */
caption span{position:sticky;left:.75rem;display:inline-block;max-width:calc(100vw - 3.5rem)}
.pista{display:none}
th,td{padding:.5rem .75rem;text-align:left;vertical-align:top;border-bottom:1px solid #e1e4e8}
thead th{background:#eef2f6;font-size:.95rem}
tbody th{font-weight:600}
table.nombres tbody th{min-width:11rem}
tbody tr:nth-child(even){background:#fafbfc}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.nowrap{white-space:nowrap}
.estado{display:inline-block;padding:.1rem .5rem;border-radius:.6rem;font-size:.9rem;font-weight:600;color:#fff;max-width:14rem}
.estado-cumplida{background:#1b6b35}
.estado-tarde{background:#8a4600}
.estado-vencida{background:#b3261e}
.estado-en-curso{background:#0b5a9c}
.estado-pendiente{background:#555f69}
.semaforo-critico{color:#b3261e;font-weight:700}
.semaforo-aceptable{color:#7a5900;font-weight:700}
.semaforo-satisfactorio{color:#1b6b35;font-weight:700}
.tarea{border:1px solid #d0d7de;border-radius:.4rem;padding:.25rem 1rem .75rem;margin:1rem 0}
.tarea h3{margin-top:.75rem}
.ficha{margin:0}
.ficha>div{display:grid;grid-template-columns:minmax(8rem,12rem) 1fr;gap:.25rem 1rem;padding:.4rem 0;border-top:1px solid #eef0f2}
.ficha dt{font-weight:600}
.ficha dd{margin:0;min-width:0;overflow-wrap:anywhere}
code{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,"Liberation Mono",monospace;font-size:.92em}
table.compacta{min-width:0;width:auto}
.tabla:has(table.compacta){display:inline-block;max-width:100%;margin-right:1.5rem}
.evidencias{margin:0;padding-left:1.1rem}
.evidencias li{margin:.15rem 0}
.nota{color:#3d3d3d;font-size:.95rem}
.vacio{font-style:italic;color:#3d3d3d}
details summary{cursor:pointer;color:#0b4f8a}
details ul{margin:.25rem 0;padding-left:1.1rem;font-size:.95rem}
.enlaces{padding-left:1.2rem}
.enlaces li{margin:.3rem 0}
.pie{border-top:1px solid #d0d7de;margin-top:2rem;padding:1rem;color:#3d3d3d;font-size:.9rem;max-width:72rem;margin-left:auto;margin-right:auto}
@media (max-width:40rem){
  h1{font-size:1.35rem}
  main{padding:.75rem}
  .barra{width:4.5rem}
  .ficha>div{grid-template-columns:1fr}
  .pista{display:block;font-size:.9rem;color:#3d3d3d;margin:.25rem 0 0}
}
@media print{
  .saltar,.encabezado nav{display:none}
  .tabla{overflow:visible;border:0}
  a{color:#000}
}
`;
