/** The commands and options shells complete; `sortie completion bash|zsh` prints the script. */
export function completionScript(shell: string, commands: Record<string, readonly string[]>): string | null {
  const names = Object.keys(commands).join(' ');
  const cases = Object.entries(commands)
    .map(([name, options]) => `    ${name}) opts="${options.join(' ')}" ;;`)
    .join('\n');
  const bash = `# sortie completion for bash: add to ~/.bashrc
#   eval "$(sortie completion bash)"
_sortie() {
  local cur=\${COMP_WORDS[COMP_CWORD]} opts
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "${names}" -- "$cur"))
    return
  fi
  case \${COMP_WORDS[1]} in
${cases}
    *) opts="" ;;
  esac
  COMPREPLY=($(compgen -W "$opts" -- "$cur"))
}
complete -F _sortie sortie
`;
  if (shell === 'bash') return bash;
  if (shell === 'zsh') {
    return `# sortie completion for zsh: add to ~/.zshrc
#   eval "$(sortie completion zsh)"
autoload -Uz bashcompinit && bashcompinit
${bash}`;
  }
  return null;
}
