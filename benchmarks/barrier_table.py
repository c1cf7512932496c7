"""Prints the co-therapy read-out of docs/barrier-physics.md section 7 from three run directories (stdlib only).

usage: python3 benchmarks/barrier_table.py RUNS_DIR   (with RUNS_DIR/fibrotic, /hyaluronidase, /losartan)
IgG exposure is the time integral of the tissue-mean IgG (metrics.csv igg_mean_uM) over the run.
"""
import csv, sys
def load(p):
    rows=list(csv.DictReader(open(p)))
    return rows
root=sys.argv[1]
out={}
for k in ["fibrotic","hyaluronidase","losartan"]:
    r=load(f"{root}/{k}/metrics.csv")
    t=[float(x["time_s"]) for x in r]; g=[float(x["igg_mean_uM"]) for x in r]
    auc=sum(0.5*(g[i]+g[i+1])*(t[i+1]-t[i]) for i in range(len(t)-1))
    l=r[-1]
    out[k]=dict(ifp=float(l["tumour_ifp_mean_mmHg"]),centre=float(l["tumour_ifp_centre_mmHg"]),rim=float(l["tumour_rim_speed_um_per_s"]),
                perf=float(l["perfused_vessel_fraction"]),gag=float(l["gag_level"]),iggauc=auc,igg=g[-1],
                drug=float(l["drug_exposure_tumour_mean_uM_s"]),stiff=float(l["mean_stiffness_kpa"]))
    print(k, {a:round(b,5) for a,b in out[k].items()})
f=out["fibrotic"]
for k in ["hyaluronidase","losartan"]:
    print(k, "vs fibrotic: IgG AUC x%.4f, end IgG x%.4f, mean IFP %+.3f mmHg, centre %+.3f, rim speed x%.3f, perfused %.3f->%.3f"%(
      out[k]["iggauc"]/f["iggauc"], out[k]["igg"]/f["igg"], out[k]["ifp"]-f["ifp"], out[k]["centre"]-f["centre"], out[k]["rim"]/f["rim"], f["perf"], out[k]["perf"]))
