"""Reads a Word file's tracked changes the way LibreOffice does, headless, through UNO.

Usage: tracked.py FILE.docx WORK_DIR (profiles, conversions and copies go there)
Prints JSON: {"redlines": n, "comments": [{"author", "text", "anchor"}],
"accepted": text after Accept All, "rejected": text after Reject All}.

Debian's no-GUI LibreOffice cannot open a view on a document with comments (it lacks the
comment window's UI files and aborts), and accepting changes needs a view. So the comments
are read from LibreOffice's own ODF conversion of the file (no view), and the view that
accepts and rejects opens a copy whose comment anchors alone are taken out: every tracked
change is the file's own.
"""
import json
import os
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
import zipfile

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def connect(pipe):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + 60
    while True:
        try:
            return resolver.resolve(
                f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            if time.time() > deadline:
                raise
            time.sleep(0.3)


def load(ctx, path):
    desktop = ctx.ServiceManager.createInstanceWithContext(
        "com.sun.star.frame.Desktop", ctx)
    url = uno.systemPathToFileUrl(os.path.abspath(path))
    return desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))


def dispatch(ctx, doc, command):
    helper = ctx.ServiceManager.createInstanceWithContext(
        "com.sun.star.frame.DispatchHelper", ctx)
    frame = doc.getCurrentController().getFrame()
    helper.executeDispatch(frame, command, "", 0, ())


ODF = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
}


def text_of(el, skip=()):
    """An element's text, leaving out the elements in skip (annotations inside it)."""
    out = [el.text or ""]
    for child in el:
        if child.tag not in skip:
            out.append(text_of(child, skip))
        out.append(child.tail or "")
    return "".join(out)


def comments(path, work):
    """The comments as LibreOffice converts the file to flat ODF: author, text, paragraph."""
    out_dir = os.path.join(work, "fodt")
    subprocess.run([
        "soffice", f"-env:UserInstallation=file://{work}/profile-odf", "--headless",
        "--convert-to", "fodt", "--outdir", out_dir, path],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stem = os.path.splitext(os.path.basename(path))[0]
    root = ET.parse(os.path.join(out_dir, stem + ".fodt")).getroot()
    annotation = f"{{{ODF['office']}}}annotation"
    found = []
    for para in root.iter(f"{{{ODF['text']}}}p"):
        for a in para.findall(f".//{annotation}"):
            creator = a.find("dc:creator", ODF)
            body = " ".join(text_of(p) for p in a.findall("text:p", ODF))
            found.append({
                "author": creator.text if creator is not None else "",
                "text": body,
                "anchor": text_of(para, skip=(annotation,)),
            })
    return found


def without_comment_anchors(path, work):
    """A copy of the .docx with its comment ranges and references taken out."""
    copy = os.path.join(work, "without-comments.docx")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                xml = data.decode("utf-8")
                xml = re.sub(r"<w:commentRange(?:Start|End)[^>]*/>", "", xml)
                xml = re.sub(r"<w:r>(?:<w:rPr\s*/>)?<w:commentReference[^>]*/></w:r>", "", xml)
                data = xml.encode("utf-8")
            dst.writestr(item, data)
    return copy


def main():
    # Everything this writes goes under `work`, a directory the caller removes.
    path, work = sys.argv[1], sys.argv[2]
    found = comments(path, work)
    path = without_comment_anchors(path, work)
    pipe = f"concord{os.getpid()}"
    office = subprocess.Popen([
        "soffice", f"-env:UserInstallation=file://{work}/profile", "--headless",
        "--invisible", "--nologo", "--norestore",
        f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        ctx = connect(pipe)
        out = {}
        doc = load(ctx, path)
        out["redlines"] = len(list(iterate(doc.getRedlines())))
        out["comments"] = found
        dispatch(ctx, doc, ".uno:AcceptAllTrackedChanges")
        out["accepted"] = doc.getText().getString()
        doc.close(True)
        doc = load(ctx, path)
        dispatch(ctx, doc, ".uno:RejectAllTrackedChanges")
        out["rejected"] = doc.getText().getString()
        doc.close(True)
        print(json.dumps(out))
    finally:
        office.terminate()
        try:
            office.wait(20)
        except subprocess.TimeoutExpired:
            office.kill()


def iterate(access):
    e = access.createEnumeration()
    while e.hasMoreElements():
        yield e.nextElement()


main()
