// The Submit page: builds the form from forms.json and the JSON Schemas beside this file, checks
// the answers, shows the record file, and offers three ways on (the repository's "new file"
// page, a download, an email to the Secretariat, with the file attached where the device can
// share files). Everything is served by the portal itself.
import { buildRecord, mailtoUrl, newFileUrl, toYaml } from "./record.js";

const UI = {
  en: {
    choose: "What do you want to submit?",
    pick: "— choose —",
    check: "Check and show the file",
    problems: "Please correct {n} problem(s):",
    ready: "The file is ready. Check it, then choose one of the three ways below.",
    file: "The record file",
    github: "Propose it on GitHub (opens the repository's new-file page, prefilled)",
    tooLong: "The file is too long to be passed in a link: download it and upload it on GitHub instead.",
    download: "Download the file",
    email: "Email it to the ACSG Secretariat ({email})",
    share: "Send the file as an attachment (your device's share menu; address it to {email})",
    shareText: "For the ACSG Secretariat ({email}): the record file is attached.",
    subject: "ACSG portal submission: {id}",
    loadFailed: "The form could not be loaded. Use one of the other ways described on this page.",
    requiredMark: "(required)",
  },
  fr: {
    choose: "Que souhaitez-vous soumettre\u202f?",
    pick: "— choisir —",
    check: "Vérifier et afficher le fichier",
    problems: "Veuillez corriger {n} problème(s)\u202f:",
    ready: "Le fichier est prêt. Vérifiez-le, puis choisissez l'une des trois voies ci-dessous.",
    file: "Le fichier de la fiche",
    github: "Le proposer sur GitHub (ouvre la page de nouveau fichier du dépôt, préremplie)",
    tooLong: "Le fichier est trop long pour passer dans un lien\u202f: téléchargez-le puis déposez-le sur GitHub.",
    download: "Télécharger le fichier",
    email: "L'envoyer par courriel au Secrétariat de l'ACSG ({email})",
    share: "Envoyer le fichier en pièce jointe (menu de partage de votre appareil\u202f; adressez-le à {email})",
    shareText: "Pour le Secrétariat de l'ACSG ({email})\u202f: la fiche est jointe.",
    subject: "Contribution au portail de l'ACSG\u202f: {id}",
    loadFailed: "Le formulaire n'a pas pu être chargé. Utilisez l'une des autres voies décrites sur cette page.",
    requiredMark: "(obligatoire)",
  },
  es: {
    choose: "¿Qué desea enviar?",
    pick: "— elegir —",
    check: "Comprobar y mostrar el archivo",
    problems: "Corrija {n} problema(s):",
    ready: "El archivo está listo. Revíselo y elija una de las tres vías siguientes.",
    file: "El archivo del registro",
    github: "Proponerlo en GitHub (abre la página de nuevo archivo del repositorio, ya rellenada)",
    tooLong: "El archivo es demasiado largo para un enlace: descárguelo y súbalo a GitHub.",
    download: "Descargar el archivo",
    email: "Enviarlo por correo electrónico a la Secretaría del ACSG ({email})",
    share: "Enviar el archivo como adjunto (menú de compartir de su dispositivo; diríjalo a {email})",
    shareText: "Para la Secretaría del ACSG ({email}): el registro va adjunto.",
    subject: "Contribución al portal del ACSG: {id}",
    loadFailed: "No se pudo cargar el formulario. Use una de las otras vías descritas en esta página.",
    requiredMark: "(obligatorio)",
  },
};
const MAX_URL = 8000; // longer links are cut by browsers or the repository host

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === "text") node.textContent = value;
    else node.setAttribute(name, value === true ? "" : value);
  }
  node.append(...children.filter(Boolean));
  return node;
}

function todayIso() {
  const now = new Date();
  const pad = (number) => String(number).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function fieldControl(field, lang, ui, prefix) {
  const id = `${prefix}-${field.id}`;
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const label = field.label[lang] || field.label.en;
  const help = field.help ? element("p", { id: helpId, class: "acsg-help", text: field.help[lang] || field.help.en }) : null;
  const error = element("p", { id: errorId, class: "acsg-error", hidden: true });
  const describedBy = [field.help ? helpId : null, errorId].filter(Boolean).join(" ");
  const mark = field.required ? element("span", { class: "acsg-required", text: ` ${ui.requiredMark}` }) : null;

  if (field.value === "terms") {
    const boxes = field.options.map((option, index) =>
      element(
        "label",
        { class: "acsg-choice" },
        element("input", { type: "checkbox", name: field.id, value: option.value, id: `${id}-${index}` }),
        ` ${option.label[lang] || option.label.en}`,
      ),
    );
    return element(
      "fieldset",
      { class: "acsg-field", "data-field": field.id, "aria-describedby": describedBy },
      element("legend", {}, label, mark),
      help,
      ...boxes,
      error,
    );
  }
  let control;
  const common = {
    id,
    name: field.id,
    "aria-describedby": describedBy,
    required: field.required,
    "aria-required": field.required ? "true" : null,
  };
  if (field.widget === "dropdown") {
    control = element("select", common, element("option", { value: "", text: field.required ? ui.pick : "" }));
    for (const option of field.options) {
      control.append(element("option", { value: option.value, text: option.label[lang] || option.label.en }));
    }
  } else if (field.widget === "textarea") {
    control = element("textarea", { ...common, rows: field.value === "text" ? 6 : 3, placeholder: field.placeholder });
  } else {
    const type = field.value === "link" ? "url" : "text";
    control = element("input", {
      ...common,
      type,
      placeholder: field.placeholder,
      inputmode: field.value === "year" ? "numeric" : null,
      autocomplete: "off",
    });
  }
  return element(
    "div",
    { class: "acsg-field", "data-field": field.id },
    element("label", { for: id }, label, mark),
    help,
    control,
    error,
  );
}

function answers(form, node) {
  const values = {};
  for (const field of form.fields) {
    if (field.value === "terms") {
      values[field.id] = [...node.querySelectorAll(`input[name="${field.id}"]:checked`)].map((box) => box.value);
    } else {
      const control = node.querySelector(`[name="${field.id}"]`);
      values[field.id] = control ? control.value : "";
    }
  }
  return values;
}

async function start(root) {
  const lang = (document.documentElement.lang || "en").slice(0, 2);
  const ui = UI[lang] || UI.en;
  const status = root.querySelector("[data-status]");
  const base = new URL("./", import.meta.url);
  let data;
  let schemas;
  try {
    data = await (await fetch(new URL("forms.json", base))).json();
    const kinds = [...new Set(data.forms.map((form) => form.schema))];
    const loaded = await Promise.all(kinds.map(async (name) => [name, await (await fetch(new URL(name, base))).json()]));
    schemas = Object.fromEntries(loaded);
  } catch {
    status.textContent = ui.loadFailed;
    return;
  }
  const repoLink = document.querySelector("a.md-source");
  const repoUrl = root.dataset.repo || (repoLink && repoLink.href) || "";
  const email = root.dataset.secretariatEmail;

  // The form named in the address (submit/#offer-support, from the home page's buttons), or the first.
  const wanted = decodeURIComponent(window.location.hash.slice(1));
  const first = data.forms.find((form) => form.name === wanted) || data.forms[0];
  const chooser = element("fieldset", { class: "acsg-kinds" }, element("legend", { text: ui.choose }));
  data.forms.forEach((form) => {
    chooser.append(
      element(
        "label",
        { class: "acsg-choice" },
        element("input", { type: "radio", name: "acsg-form", value: form.name, checked: form === first }),
        ` ${form.title[lang] || form.title.en}`,
      ),
    );
  });
  const formNode = element("form", { class: "acsg-form", novalidate: true });
  const fieldsNode = element("div");
  const summary = element("div", { class: "acsg-summary", tabindex: "-1", hidden: true });
  const output = element("div", { class: "acsg-output", hidden: true });
  formNode.append(chooser, fieldsNode, element("button", { type: "submit", class: "md-button md-button--primary", text: ui.check }));
  root.append(formNode, summary, output);

  let current = first;
  let fileUrl = "";
  const show = (form) => {
    current = form;
    fieldsNode.replaceChildren(
      element(
        "fieldset",
        {},
        element("legend", { text: form.title[lang] || form.title.en }),
        element("p", { text: form.about[lang] || form.about.en }),
        ...form.fields.map((field) => fieldControl(field, lang, ui, `acsg-${form.name}`)),
      ),
    );
    summary.hidden = true;
    output.hidden = true;
  };
  chooser.addEventListener("change", (event) => {
    show(data.forms.find((form) => form.name === event.target.value));
  });
  show(current);

  formNode.addEventListener("submit", (event) => {
    event.preventDefault();
    const form = current;
    const result = buildRecord(form, schemas[form.schema], answers(form, fieldsNode), { lang, today: todayIso() });
    for (const node of fieldsNode.querySelectorAll(".acsg-field")) {
      const mine = result.problems.filter((problem) => problem.field === node.dataset.field);
      const error = node.querySelector(".acsg-error");
      error.hidden = mine.length === 0;
      error.textContent = mine.map((problem) => problem.message).join("; ");
      for (const control of node.querySelectorAll("input, select, textarea")) {
        if (mine.length) control.setAttribute("aria-invalid", "true");
        else control.removeAttribute("aria-invalid");
      }
    }
    if (result.problems.length) {
      output.hidden = true;
      const list = element("ul");
      for (const problem of result.problems) {
        const field = form.fields.find((item) => item.id === problem.field);
        const target = fieldsNode.querySelector(`[data-field="${problem.field}"] input, [data-field="${problem.field}"] select, [data-field="${problem.field}"] textarea`);
        const link = element("a", { href: target ? `#${target.id}` : "#", text: `${field.label[lang] || field.label.en}: ${problem.message}` });
        link.addEventListener("click", (click) => {
          click.preventDefault();
          if (target) target.focus();
        });
        list.append(element("li", {}, link));
      }
      summary.replaceChildren(element("p", { text: ui.problems.replace("{n}", result.problems.length) }), list);
      summary.hidden = false;
      status.textContent = ui.problems.replace("{n}", result.problems.length);
      summary.focus();
      return;
    }
    summary.hidden = true;
    const yaml = toYaml(result.record, form.kind, data.schemaComment);
    const fileName = `${result.id}.yaml`;
    const links = element("ul", { class: "acsg-ways" });
    const github = repoUrl ? newFileUrl(repoUrl, form.folder, result.id, yaml) : "";
    if (github && github.length <= MAX_URL) {
      links.append(element("li", {}, element("a", { href: github, rel: "noopener", target: "_blank", class: "md-button", text: ui.github })));
    } else {
      links.append(element("li", { text: ui.tooLong }));
    }
    if (fileUrl) URL.revokeObjectURL(fileUrl);
    fileUrl = URL.createObjectURL(new Blob([yaml], { type: "application/yaml" }));
    links.append(
      element("li", {}, element("a", { href: fileUrl, download: fileName, class: "md-button", text: `${ui.download} (${fileName})` })),
    );
    const subject = ui.subject.replace("{id}", result.id);
    links.append(
      element("li", {}, element("a", { href: mailtoUrl(email, subject, yaml), class: "md-button", text: ui.email.replace("{email}", email) })),
    );
    // Where the device can share files (mostly phones), the file can also go as an attachment;
    // the share menu cannot name a recipient, so the address is in the text.
    const attachment = new File([yaml], fileName, { type: "text/plain" });
    if (navigator.canShare && navigator.canShare({ files: [attachment] })) {
      const share = element("button", { type: "button", class: "md-button", text: ui.share.replace("{email}", email) });
      share.addEventListener("click", () => {
        navigator.share({ files: [attachment], title: subject, text: ui.shareText.replace("{email}", email) }).catch(() => {});
      });
      links.append(element("li", {}, share));
    }
    const pre = element("pre", { tabindex: "0", "aria-label": ui.file }, element("code", { text: yaml }));
    output.replaceChildren(element("h2", { id: "acsg-file", text: ui.file }), element("p", { text: ui.ready }), pre, links);
    output.hidden = false;
    status.textContent = ui.ready;
    output.querySelector("h2").setAttribute("tabindex", "-1");
    output.querySelector("h2").focus();
  });
}

const root = document.getElementById("acsg-submit");
if (root) start(root);
